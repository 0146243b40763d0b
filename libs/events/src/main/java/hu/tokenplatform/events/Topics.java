package hu.tokenplatform.events;

import java.util.List;

/**
 * Kafka topic names. Each event topic carries the events of one owner, keyed by the aggregate id; who owns,
 * writes and reads which topic is {@link BrokerPrincipal}.
 */
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

    /** Records token-registry could not or would not apply, as they were consumed. */
    public static final String TOKEN_REGISTRY_DLQ = "token-registry.dlq";
    /** Records auth-service could not or would not apply, as they were consumed. */
    public static final String AUTH_SERVICE_DLQ = "auth-service.dlq";
    /** Records unlock-service could not or would not apply, as they were consumed. */
    public static final String UNLOCK_SERVICE_DLQ = "unlock-service.dlq";

    /** The topics events are published on. */
    public static final List<String> EVENT_TOPICS = List.of(REGISTRY_USERS, REGISTRY_TOKENS, UNLOCK_EVENTS, AUTH_LOGINS);
    /** The consumers' dead-letter topics. */
    public static final List<String> DEAD_LETTER_TOPICS = List.of(TOKEN_REGISTRY_DLQ, AUTH_SERVICE_DLQ, UNLOCK_SERVICE_DLQ);

    private Topics() {
    }
}
