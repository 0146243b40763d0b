package hu.tokenplatform.console.audit;

import hu.tokenplatform.console.layout.Page;
import hu.tokenplatform.console.services.ServiceRefusedException;
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
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The auditor's screen: a service's audit log, filtered, its hash-chain check, and the CSV export. */
@Path("/auditor")
// Blocking: the pages wait for a service call.
@Blocking
@RolesAllowed(StaffRoles.AUDITOR)
public class AuditorResource {

    @Inject
    Page page;

    @Inject
    AuditTrail trail;

    @Inject
    @Location("auditor.html")
    Template auditor;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance entries(@QueryParam("service") String service, @QueryParam("subjectId") String subjectId,
                                    @QueryParam("actor") String actor, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("limit") Integer limit,
                                    @QueryParam("reads") String reads) {
        AuditFilter filter = AuditFilter.of(service, subjectId, actor, from, to, limit, reads);
        TemplateInstance view = page.of(auditor).data("filter", filter).data("services", AuditedService.values());
        try {
            return view.data("entries", trail.entries(filter)).data("chain", trail.verification(filter.service()));
        } catch (ServiceRefusedException e) {
            return view.data("entries", List.of()).data("refusal", page.refusal(e.code()));
        }
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("service") String service, @QueryParam("subjectId") String subjectId,
                           @QueryParam("actor") String actor, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("limit") Integer limit,
                           @QueryParam("reads") String reads) {
        AuditFilter filter = AuditFilter.of(service, subjectId, actor, from, to, limit, reads);
        try {
            return Response.ok(AuditCsv.of(trail.entries(filter)), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"audit-" + filter.service().id() + ".csv\"")
                    .build();
        } catch (ServiceRefusedException e) {
            // The service's own answer stays its own: the console passes on only that it could not export.
            return Response.status(Response.Status.BAD_GATEWAY).type("text/plain; charset=UTF-8")
                    .entity(page.refusal(e.code())).build();
        }
    }
}
