package hu.tokenplatform.console.audit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * The audit log every service serves the same way (service-kit's {@code AuditResource}: {@code GET /audit} and
 * {@code GET /audit/verification}). One client per service extends it, each with its own base URL.
 */
public interface AuditLogApi {

    @GET
    List<AuditEntry> entries(@QueryParam("subjectId") String subjectId, @QueryParam("actor") String actor,
                             @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") int limit,
                             @QueryParam("reads") boolean reads);

    @GET
    @Path("/verification")
    ChainVerification verification();
}
