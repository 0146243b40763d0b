package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** A token handed over to its owner after personal identification (state ISSUED). */
public record TokenHandedOver(
        String csn,
        String customerId,
        String companyId,
        String branch,
        Instant handedOverAt,
        String replacedCsn) implements EventData {

    @Override
    public EventType type() {
        return EventType.TOKEN_HANDED_OVER;
    }

    @Override
    public String subject() {
        return csn;
    }
}
