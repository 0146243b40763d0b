package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/**
 * A helpdesk agent could not verify a caller. Keyed by the customer identifier the agent entered (always 8
 * digits: malformed requests are refused before any check). Never carries the e-PIN.
 *
 * @param reason         {@code WRONG_E_PIN}, {@code UNKNOWN_CUSTOMER} (not registered), {@code E_PIN_NOT_SET},
 *                       {@code E_PIN_LOCKED} (tried while locked), {@code RATE_LIMITED} (the agent's hourly limit;
 *                       the e-PIN was not checked)
 * @param failedAttempts consecutive failures for this customer identifier so far (0 for {@code RATE_LIMITED},
 *                       which looks at nothing)
 * @param ePinLocked     whether verification for this customer identifier is now locked until a branch officer
 *                       sets a new e-PIN (false for {@code RATE_LIMITED})
 */
public record CallerVerificationFailed(
        String customerId,
        String agent,
        String reason,
        int failedAttempts,
        boolean ePinLocked,
        Instant at) implements EventData {

    @Override
    public EventType type() {
        return EventType.CALLER_VERIFICATION_FAILED;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
