package hu.tokenplatform.servicekit.audit;

import hu.tokenplatform.events.StaffRoles;
import hu.tokenplatform.servicekit.problem.CommonRefusal;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** An instant as the filter takes it: UTC, to the second or finer, e.g. {@code 2026-12-07T09:30:00Z}. */
    static final String INSTANT = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z";
    /** Staff user names as Keycloak keeps them, and the services' own actors ("system", a service's name). */
    static final String ACTOR = "[A-Za-z0-9._@-]*";

    @GET
    @Operation(summary = "Audit entries, newest first, optionally for one subject (CSN, customer identifier, company id), "
            + "one actor, and a time window [from, to); reads=false leaves out staff reads (actions ending in 'viewed')")
    public List<AuditEntryView> entries(@QueryParam("subjectId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String subjectId,
                                        @QueryParam("actor") @Size(max = 64) @Pattern(regexp = ACTOR) String actor,
                                        @QueryParam("from") @Pattern(regexp = INSTANT) String from,
                                        @QueryParam("to") @Pattern(regexp = INSTANT) String to,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                        @QueryParam("reads") @DefaultValue("true") boolean reads) {
        // The filter is applied in the query, before the limit: the newest `limit` entries that match, not the
        // matching ones among the newest `limit`.
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (subjectId != null && !subjectId.isEmpty()) {
            conditions.add("subjectId = :subject");
            parameters.put("subject", subjectId);
        }
        if (actor != null && !actor.isEmpty()) {
            conditions.add("actor = :actor");
            parameters.put("actor", actor);
        }
        if (from != null && !from.isEmpty()) {
            conditions.add("occurredAt >= :from");
            parameters.put("from", instant(from));
        }
        if (to != null && !to.isEmpty()) {
            conditions.add("occurredAt < :to");
            parameters.put("to", instant(to));
        }
        if (!reads) {
            conditions.add("action not like :read");
            parameters.put("read", "%" + AuditLog.READ_ACTION_SUFFIX);
        }
        String where = conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ";
        return AuditEntry.<AuditEntry>find(where + "order by id desc", parameters).page(0, limit).list().stream()
                .map(e -> new AuditEntryView(e.id, e.occurredAt, e.actor, e.action, e.subjectType, e.subjectId,
                        e.details, e.entryHash))
                .toList();
    }

    /** The shape is checked by the pattern; a day or hour that does not exist (2026-02-30) is refused here. */
    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CommonRefusal.VALIDATION_FAILED.exception();
        }
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Recompute the hash chain of the whole audit log")
    public ChainVerification verify() {
        var broken = auditLog.verifyChain();
        return new ChainVerification(broken.isEmpty(), broken.isPresent() ? broken.getAsLong() : null);
    }
}
