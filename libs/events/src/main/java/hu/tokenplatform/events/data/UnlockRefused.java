package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/**
 * unlock-service refused to compute an unlock code, before computing anything. Keyed by the CSN the agent entered.
 *
 * @param customerId the verified caller; null when the verification was not valid
 * @param reason     {@code VERIFICATION_INVALID} (unknown, expired or another agent's), {@code TOKEN_UNKNOWN},
 *                   {@code CSN_NOT_CALLERS}, {@code TOKEN_REVOKED}, {@code DAILY_LIMIT}
 */
public record UnlockRefused(
        String csn,
        String customerId,
        String agent,
        String reason,
        Instant at) implements EventData {

    @Override
    public EventType type() {
        return EventType.UNLOCK_REFUSED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
