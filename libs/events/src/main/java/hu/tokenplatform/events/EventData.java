package hu.tokenplatform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The payload of one event type. The type name, topic and subject (Kafka key) are derived from the
 * payload so that a producer cannot publish an event on the wrong topic or with the wrong key.
 */
public interface EventData {

    @JsonIgnore
    EventType type();

    /** The aggregate id: CSN for tokens and certificates, customer identifier for users. */
    @JsonIgnore
    String subject();
}
