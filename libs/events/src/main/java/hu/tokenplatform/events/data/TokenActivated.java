package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

/** The token's owner logged in with it: state ACTIVE. */
public record TokenActivated(
        String csn,
        String customerId) implements EventData {

    @Override
    public EventType type() {
        return EventType.TOKEN_ACTIVATED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
