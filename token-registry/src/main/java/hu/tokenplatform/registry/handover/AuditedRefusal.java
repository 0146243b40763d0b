package hu.tokenplatform.registry.handover;

import hu.tokenplatform.servicekit.problem.RefusalException;

import java.util.Map;

/**
 * A hand-over refused for a reason that may be an attack (a key certified before, a statement that does not
 * prove the key is the token's): the hand-over rolls back, but the attempt is audited in a transaction of its own.
 * The details hold no secret and nothing of the sender's bytes but hashes and the field name.
 */
final class AuditedRefusal extends RefusalException {

    private final Map<String, String> auditDetails;

    private AuditedRefusal(String code, String detail, Map<String, String> auditDetails) {
        super(422, code, "Request cannot be carried out", detail);
        this.auditDetails = Map.copyOf(auditDetails);
    }

    static AuditedRefusal of(String code, String detail, Map<String, String> auditDetails) {
        return new AuditedRefusal(code, detail, auditDetails);
    }

    Map<String, String> auditDetails() {
        return auditDetails;
    }
}
