package hu.tokenplatform.console.audit;

import java.time.Instant;

/** One entry of a service's audit log as {@code GET /audit} answers it (service-kit's audit log). */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subjectType,
                         String subjectId, String details, String entryHash) {
}
