package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.events.data.CallerVerificationFailed;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.problem.Problems;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import hu.tokenplatform.unlock.config.UnlockConfig;
import hu.tokenplatform.unlock.epin.CallerLockout;
import hu.tokenplatform.unlock.epin.CallerLockouts;
import hu.tokenplatform.unlock.epin.EPin;
import hu.tokenplatform.unlock.epin.EPinHasher;
import hu.tokenplatform.unlock.metrics.UnlockMetrics;
import hu.tokenplatform.unlock.projection.Customer;
import hu.tokenplatform.unlock.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A helpdesk agent verifies a caller with the customer identifier and the e-PIN. Whether the identifier is
 * registered, has an e-PIN, or the e-PIN is wrong, the agent gets the same answer after the same work (one
 * Argon2 run); lockouts count unregistered identifiers too. Only events and the audit log, for the bank's
 * internal readers, say which it was.
 */
@ApplicationScoped
public class CallerVerificationService {

    static final String RATE_SCOPE = "caller-verification";
    private static final Duration RATE_WINDOW = Duration.ofHours(1);

    @Inject
    UnlockConfig config;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CallerLockouts lockouts;

    @Inject
    EPinHasher hasher;

    @Inject
    CallerVerifications verifications;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    UnlockMetrics metrics;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    public record Verified(String verificationId, String customerId, Instant expiresAt) {

        /** Never print the verification id, whoever logs this record: it stands for the verified caller. */
        @Override
        public String toString() {
            return "Verified[customerId=" + customerId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A refusal is a fact to keep: the wrong-e-PIN count, the lockout, the audit entry and the event commit with
     * it, so the {@link RefusalException} that tells the agent does not roll the transaction back.
     */
    @Transactional(dontRollbackOn = RefusalException.class)
    public Verified verify(String customerId, String ePin) {
        String agent = staff.name();
        Instant now = clock.instant();
        if (!rateLimiter.tryAcquire(RATE_SCOPE, agent, config.limits().verificationsPerAgentPerHour(), RATE_WINDOW)) {
            throw refuse(agent, customerId, VerificationFailure.RATE_LIMITED, null, false, now);
        }
        CallerLockout lockout = lockouts.lockForUpdate(customerId);
        if (lockouts.isLocked(lockout)) {
            hasher.matchesNothing(ePin);
            throw refuse(agent, customerId, VerificationFailure.E_PIN_LOCKED, lockout, false, now);
        }
        EPin stored = EPin.findById(customerId);
        boolean right = stored != null ? hasher.matches(ePin, stored.hash) : hasher.matchesNothing(ePin);
        if (!right) {
            VerificationFailure reason = stored != null ? VerificationFailure.WRONG_E_PIN
                    : Customer.findById(customerId) != null ? VerificationFailure.E_PIN_NOT_SET : VerificationFailure.UNKNOWN_CUSTOMER;
            boolean lockedNow = lockouts.recordFailure(lockout, now);
            throw refuse(agent, customerId, reason, lockout, lockedNow, now);
        }
        lockouts.clear(lockout);
        if (hasher.isOutdated(stored.hash)) {
            stored.hash = hasher.hash(ePin);
        }
        CallerVerifications.Issued issued = verifications.create(customerId, agent, now.plus(config.verification().ttl()));
        audit.record(agent, "caller.verified", "customer", customerId, Map.of(
                "verification", CallerVerifications.reference(issued.verification()),
                "expiresAt", issued.verification().expiresAt.toString()));
        metrics.verified();
        return new Verified(issued.id(), customerId, issued.verification().expiresAt);
    }

    private RefusalException refuse(String agent, String customerId, VerificationFailure reason, CallerLockout lockout,
                                   boolean lockedNow, Instant now) {
        int failedAttempts = lockout == null ? 0 : lockout.failedAttempts;
        boolean locked = lockout != null && lockouts.isLocked(lockout);
        outbox.append(new CallerVerificationFailed(customerId, agent, reason.name(), failedAttempts, locked, now), agent);
        audit.record(agent, "caller.verification-failed", "customer", customerId, Map.of(
                "reason", reason.name(), "failedAttempts", failedAttempts, "locked", locked));
        metrics.verificationFailed(reason);
        if (reason == VerificationFailure.RATE_LIMITED) {
            return new RefusalException(429, "rate-limited", "Too many requests",
                    "You have made the most caller verifications allowed in an hour; try again later.");
        }
        if (reason == VerificationFailure.E_PIN_LOCKED || lockedNow) {
            return new RefusalException(423, "e-pin-locked", "Locked",
                    "Too many wrong e-PINs: the caller must have a branch officer set a new e-PIN.");
        }
        return Problems.unprocessable("caller-not-verified", "The customer identifier or the e-PIN is wrong.");
    }
}
