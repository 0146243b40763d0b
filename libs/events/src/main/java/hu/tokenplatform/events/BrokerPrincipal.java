package hu.tokenplatform.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may speak on the event bus, defined once: every principal the Kafka broker authenticates, the topics it may
 * write and read and the consumer groups it may use. The broker enforces it with ACLs (libs/kafka-setup applies
 * them from this enum); consumers check every event against it as well ({@link EventOrigin}), so that an event is
 * believed only if its topic's owner sent it.
 * <ul>
 * <li>A service publishes its own events only, on the topics it owns, with its own CloudEvents {@code source}, and
 * writes the records it refuses to its own dead-letter topic.</li>
 * <li>A service reads exactly the topics it consumes, in a consumer group named like itself and no other.</li>
 * <li>{@link #OBSERVER} reads every topic, dead letters included, in groups whose id starts with
 * {@code observer-}, and writes nothing: for operators' tools and for tests that watch the events.</li>
 * </ul>
 * The broker's own {@code admin} super user, which applies this policy, is not a principal of the platform.
 */
public enum BrokerPrincipal {

    TOKEN_REGISTRY("token-registry", "/token-registry",
            List.of(Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS), Topics.TOKEN_REGISTRY_DLQ,
            List.of(Topics.UNLOCK_EVENTS, Topics.AUTH_LOGINS)),
    AUTH_SERVICE("auth-service", "/auth-service",
            List.of(Topics.AUTH_LOGINS), Topics.AUTH_SERVICE_DLQ,
            List.of(Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS)),
    UNLOCK_SERVICE("unlock-service", "/unlock-service",
            List.of(Topics.UNLOCK_EVENTS), Topics.UNLOCK_SERVICE_DLQ,
            List.of(Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS)),
    OBSERVER("observer", null, List.of(), null,
            Stream.concat(Topics.EVENT_TOPICS.stream(), Topics.DEAD_LETTER_TOPICS.stream()).toList());

    /** Start of the consumer group ids the observer may use. */
    public static final String OBSERVER_GROUP_PREFIX = "observer-";

    private final String username;
    private final String source;
    private final List<String> publishes;
    private final String deadLetterTopic;
    private final List<String> reads;

    BrokerPrincipal(String username, String source, List<String> publishes, String deadLetterTopic, List<String> reads) {
        this.username = username;
        this.source = source;
        this.publishes = publishes;
        this.deadLetterTopic = deadLetterTopic;
        this.reads = reads;
    }

    /** The name the broker knows this principal by (its SCRAM user name, {@code User:<name>} in ACLs). */
    public String username() {
        return username;
    }

    /** CloudEvents {@code source} of every event this principal publishes; empty for one that publishes nothing. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The event topics this principal owns: the only principal that may write them. */
    public List<String> publishes() {
        return publishes;
    }

    /** Where this principal's consumers put the records they refuse or cannot apply. */
    public Optional<String> deadLetterTopic() {
        return Optional.ofNullable(deadLetterTopic);
    }

    /** Every topic this principal may write: the ones it owns and its dead-letter topic. */
    public List<String> writes() {
        return Stream.concat(publishes.stream(), deadLetterTopic().stream()).toList();
    }

    /** The topics this principal may read. */
    public List<String> reads() {
        return reads;
    }

    /**
     * The consumer group this principal may use: exactly this id for a service, every id that starts with it for
     * the observer ({@link #consumerGroupIsPrefix()}).
     */
    public String consumerGroup() {
        return this == OBSERVER ? OBSERVER_GROUP_PREFIX : username;
    }

    public boolean consumerGroupIsPrefix() {
        return this == OBSERVER;
    }

    /** The principal that owns an event topic, empty for any other topic. */
    public static Optional<BrokerPrincipal> ownerOf(String topic) {
        return Arrays.stream(values()).filter(principal -> principal.publishes.contains(topic)).findFirst();
    }

    /** The principal whose events carry this CloudEvents {@code source}. */
    public static Optional<BrokerPrincipal> bySource(String source) {
        return Arrays.stream(values()).filter(principal -> principal.source != null && principal.source.equals(source))
                .findFirst();
    }

    /** Every topic of the platform, event topics first: what the broker setup creates. */
    public static List<String> allTopics() {
        return Stream.concat(Topics.EVENT_TOPICS.stream(), Topics.DEAD_LETTER_TOPICS.stream()).toList();
    }
}
