package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** Published by auth-service after a successful login; {@code csn} is set for token logins. */
public record LoginSucceeded(
        String customerId,
        String csn,
        String client,
        String method,
        Instant at) implements EventData {

    @Override
    public EventType type() {
        return EventType.LOGIN_SUCCEEDED;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
