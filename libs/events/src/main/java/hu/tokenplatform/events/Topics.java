package hu.tokenplatform.events;

/** Kafka topic names. Each topic carries the events of one owner, keyed by the aggregate id. */
public final class Topics {

    /** Companies and users, owned by token-registry, keyed by company id or customer identifier. */
    public static final String REGISTRY_USERS = "registry.users";
    /** Tokens and their certificates, owned by token-registry, keyed by CSN. */
    public static final String REGISTRY_TOKENS = "registry.tokens";
    /**
     * Helpdesk unlock events, owned by unlock-service: keyed by CSN for unlock codes and refusals, by customer
     * identifier for caller verification and e-PIN events, which concern no token.
     */
    public static final String UNLOCK_EVENTS = "unlock.events";
    /** Login outcomes, owned by auth-service, keyed by customer identifier. */
    public static final String AUTH_LOGINS = "auth.logins";

    private Topics() {
    }
}
