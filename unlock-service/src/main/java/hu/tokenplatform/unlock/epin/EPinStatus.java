package hu.tokenplatform.unlock.epin;

import java.time.Instant;
import java.util.Optional;

/** Whether a customer has an e-PIN and whether verification is locked: never the e-PIN or its hash. */
public record EPinStatus(String customerId, boolean ePinSet, boolean locked, int failedAttempts, Instant setAt,
                         String setBy) {

    static EPinStatus of(String customerId, Optional<EPin> ePin, Optional<CallerLockout> lockout) {
        return new EPinStatus(customerId, ePin.isPresent(), lockout.map(l -> l.lockedAt != null).orElse(false),
                lockout.map(l -> l.failedAttempts).orElse(0), ePin.map(e -> e.setAt).orElse(null),
                ePin.map(e -> e.setBy).orElse(null));
    }
}
