package hu.tokenplatform.registry.handover;

import hu.tokenplatform.servicekit.problem.RefusalException;

import java.util.HashMap;
import java.util.Map;

/**
 * A hand-over refused for a reason that may be an attack (a key certified before, a statement that does not
 * prove the key is the token's): the hand-over rolls back, but the attempt is audited in a transaction of its own.
 * The details hold no secret and nothing of the sender's bytes but hashes and the field name.
 */
final class AuditedRefusalException extends RefusalException {

    private final Map<String, String> auditDetails;

    /**
     * @param detail       what the caller is told, naming the request field concerned
     * @param auditDetails what the audit entry records besides the refusal's code, which it holds as {@code reason}
     */
    AuditedRefusalException(HandOverRefusal refusal, String detail, Map<String, String> auditDetails) {
        super(refusal, detail);
        Map<String, String> details = new HashMap<>(auditDetails);
        details.put("reason", refusal.code());
        this.auditDetails = Map.copyOf(details);
    }

    /** The details of the {@code certificate.refused} audit entry. */
    Map<String, String> auditDetails() {
        return auditDetails;
    }
}
