package hu.tokenplatform.console.audit;

/** The services whose audit logs the auditor reads, named as in the URL ({@code ?service=}). */
public enum AuditedService {
    TOKEN_REGISTRY("token-registry"),
    UNLOCK_SERVICE("unlock-service");

    private final String id;

    AuditedService(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The service a link names; anything else is the registry. */
    public static AuditedService of(String id) {
        return UNLOCK_SERVICE.id.equals(id) ? UNLOCK_SERVICE : TOKEN_REGISTRY;
    }
}
