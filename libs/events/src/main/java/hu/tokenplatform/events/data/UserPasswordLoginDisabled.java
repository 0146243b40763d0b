package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** The user was re-contracted: from {@code effectiveAt} their username/password login must be refused. */
public record UserPasswordLoginDisabled(
        String customerId,
        Instant effectiveAt,
        String contractReference) implements EventData {

    @Override
    public EventType type() {
        return EventType.USER_PASSWORD_LOGIN_DISABLED;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
