package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** Published by unlock-service when the helpdesk reads an unlock code to the token's owner; never carries the code. */
public record UnlockCodeIssued(
        String csn,
        String customerId,
        Instant issuedAt) implements EventData {

    @Override
    public EventType type() {
        return EventType.UNLOCK_CODE_ISSUED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
