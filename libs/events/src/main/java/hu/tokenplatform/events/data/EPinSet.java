package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/**
 * A branch officer set a customer's e-PIN (first time or reset). Keyed by customer identifier; never carries
 * the e-PIN or its hash.
 *
 * @param replaced   whether it replaced an earlier e-PIN
 * @param lockLifted whether it ended a lockout after too many wrong e-PINs
 */
public record EPinSet(
        String customerId,
        boolean replaced,
        boolean lockLifted,
        Instant setAt) implements EventData {

    @Override
    public EventType type() {
        return EventType.E_PIN_SET;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
