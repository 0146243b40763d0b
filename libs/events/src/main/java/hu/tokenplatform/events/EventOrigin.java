package hu.tokenplatform.events;

import java.util.Optional;

/**
 * Whether an event read from a topic can be its owner's: the CloudEvents {@code source} must be the topic owner's
 * (exactly), and a type of the catalogue must be one published on this topic. The broker's ACLs already let only
 * the owner write the topic; this check keeps a consumer from believing anything else should a record get there
 * anyway (a misconfigured ACL, a leaked credential of another service, a producer bug). A type this version does not
 * know passes, so that the owner can add event types before its consumers learn them; consumers ignore those.
 */
public final class EventOrigin {

    /** Why an event is refused; {@link #code()} is what metrics and logs show. */
    public enum Refusal {
        /** The record came from a topic no principal owns: nothing on it can be believed. */
        TOPIC_WITHOUT_OWNER("topic-without-owner"),
        /** The event names another service (or none of ours) as its source. */
        SOURCE_NOT_TOPIC_OWNER("source-not-topic-owner"),
        /** A type of the catalogue that belongs on another topic. */
        TYPE_OF_ANOTHER_TOPIC("type-of-another-topic");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private EventOrigin() {
    }

    /** Empty if the event may be believed as the topic owner's, otherwise why not. */
    public static Optional<Refusal> check(String topic, CloudEvent event) {
        Optional<BrokerPrincipal> owner = BrokerPrincipal.ownerOf(topic);
        if (owner.isEmpty()) {
            return Optional.of(Refusal.TOPIC_WITHOUT_OWNER);
        }
        if (!owner.get().source().orElseThrow().equals(event.source())) {
            return Optional.of(Refusal.SOURCE_NOT_TOPIC_OWNER);
        }
        if (event.knownType().map(type -> !type.topic().equals(topic)).orElse(false)) {
            return Optional.of(Refusal.TYPE_OF_ANOTHER_TOPIC);
        }
        return Optional.empty();
    }
}
