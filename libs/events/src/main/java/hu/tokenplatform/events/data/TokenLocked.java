package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

/** The helpdesk issued an unlock code for the token: state LOCKED until the next token login. */
public record TokenLocked(
        String csn,
        String customerId) implements EventData {

    @Override
    public EventType type() {
        return EventType.TOKEN_LOCKED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
