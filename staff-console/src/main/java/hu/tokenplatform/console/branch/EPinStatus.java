package hu.tokenplatform.console.branch;

import java.time.Instant;

/** unlock-service's answer about a customer's e-PIN: whether one is set and whether it is locked; never the e-PIN. */
public record EPinStatus(String customerId, boolean ePinSet, boolean locked, int failedAttempts, Instant setAt,
                         String setBy) {
}
