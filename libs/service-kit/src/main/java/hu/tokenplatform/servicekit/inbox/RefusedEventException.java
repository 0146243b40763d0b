package hu.tokenplatform.servicekit.inbox;

import hu.tokenplatform.events.EventOrigin;

/**
 * A consumed event that does not come from its topic's owner. Thrown out of the {@code @Incoming} method so that the
 * channel's dead-letter strategy puts the record, untouched, into the service's dead-letter topic; the message
 * (the {@code dead-letter-reason} header there) names the topic and the reason, never the content.
 */
public class RefusedEventException extends RuntimeException {

    private final EventOrigin.Refusal refusal;

    public RefusedEventException(String topic, EventOrigin.Refusal refusal) {
        super("event on " + topic + " refused: " + refusal.code());
        this.refusal = refusal;
    }

    public EventOrigin.Refusal refusal() {
        return refusal;
    }
}
