package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** The token is revoked for good (lost, stolen, returned or replaced); its certificates are revoked with it. */
public record TokenRevoked(
        String csn,
        String customerId,
        String reason,
        Instant revokedAt) implements EventData {

    @Override
    public EventType type() {
        return EventType.TOKEN_REVOKED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
