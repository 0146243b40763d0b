package hu.tokenplatform.console.ops;

import hu.tokenplatform.console.layout.Page;
import hu.tokenplatform.events.StaffRoles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator's screen: the platform's health at a glance. The page, and the part of it htmx fetches every
 * 10 seconds ({@code /ops/live}), so that it refreshes by itself without any script of its own.
 */
@Path("/ops")
// Blocking: the page waits for the services' and Prometheus' answers.
@Blocking
@RolesAllowed(StaffRoles.OPS)
@Produces(MediaType.TEXT_HTML)
public class OpsResource {

    @Inject
    Page page;

    @Inject
    OpsOverviewService overview;

    @Inject
    @Location("ops.html")
    Template ops;

    @Inject
    @Location("ops-live.html")
    Template live;

    @Inject
    OpsConfig config;

    Clock clock = Clock.systemUTC();

    @GET
    public TemplateInstance screen() {
        return page.of(ops).data("o", overview.overview()).data("loadedAt", clock.instant().getEpochSecond()).data("refreshing", true);
    }

    /**
     * The part that refreshes, for a page loaded whole at {@code loadedAt} (epoch seconds, carried in the poll's URL).
     * Once {@code console.ops.refresh-while-unattended} has passed since then, the part comes back without its
     * trigger: the polling stops, and with it the requests that would keep an unattended session alive. A missing or
     * future value counts as long ago.
     */
    @GET
    @Path("/live")
    public TemplateInstance refreshed(@QueryParam("loadedAt") String loadedAt) {
        Instant now = clock.instant();
        long loaded = epochSecondsOrZero(loadedAt);
        boolean attended = loaded > 0 && loaded <= now.getEpochSecond()
                && Duration.between(Instant.ofEpochSecond(loaded), now).compareTo(config.refreshWhileUnattended()) < 0;
        return page.of(live).data("o", overview.overview()).data("loadedAt", loaded).data("refreshing", attended);
    }

    private static long epochSecondsOrZero(String value) {
        if (value == null || !value.matches("[0-9]{1,12}")) {
            return 0;
        }
        return Long.parseLong(value);
    }
}
