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
import jakarta.ws.rs.core.MediaType;

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

    @GET
    public TemplateInstance screen() {
        return page.of(ops).data("o", overview.overview());
    }

    @GET
    @Path("/live")
    public TemplateInstance refreshed() {
        return page.of(live).data("o", overview.overview());
    }
}
