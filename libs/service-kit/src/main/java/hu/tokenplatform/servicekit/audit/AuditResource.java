package hu.tokenplatform.servicekit.audit;

import hu.tokenplatform.events.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/**
 * The audit log for bank auditors, the same in every service: entries newest first, and a recomputation of the
 * hash chain.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRoles.AUDITOR)
public class AuditResource {


    @Inject
    AuditLog auditLog;

    public record AuditEntryView(long id, Instant occurredAt, String actor, String action, String subjectType,
                                 String subjectId, String details, String entryHash) {
    }

    public record ChainVerification(boolean intact, Long firstBrokenEntryId) {
    }

    @GET
    @Operation(summary = "Audit entries, newest first, optionally for one subject (CSN, customer identifier, company id)")
    public List<AuditEntryView> entries(@QueryParam("subjectId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String subjectId,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        var query = subjectId == null || subjectId.isEmpty()
                ? AuditEntry.<AuditEntry>find("order by id desc")
                : AuditEntry.<AuditEntry>find("subjectId = ?1 order by id desc", subjectId);
        return query.page(0, limit).list().stream()
                .map(e -> new AuditEntryView(e.id, e.occurredAt, e.actor, e.action, e.subjectType, e.subjectId,
                        e.details, e.entryHash))
                .toList();
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Recompute the hash chain of the whole audit log")
    public ChainVerification verify() {
        var broken = auditLog.verifyChain();
        return new ChainVerification(broken.isEmpty(), broken.isPresent() ? broken.getAsLong() : null);
    }
}
