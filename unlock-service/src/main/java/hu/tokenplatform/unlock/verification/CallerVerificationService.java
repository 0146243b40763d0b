package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.events.data.CallerVerificationFailed;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import hu.tokenplatform.unlock.code.UnlockRefusal;
import hu.tokenplatform.unlock.config.UnlockConfig;
import hu.tokenplatform.unlock.epin.CallerLockout;
import hu.tokenplatform.unlock.epin.CallerLockouts;
import hu.tokenplatform.unlock.epin.EPin;
import hu.tokenplatform.unlock.epin.EPinHasher;
import hu.tokenplatform.unlock.metrics.UnlockMetrics;
import hu.tokenplatform.unlock.projection.Customer;
import hu.tokenplatform.unlock.projection.Token;
import hu.tokenplatform.unlock.projection.TokenCertificate;
import hu.tokenplatform.unlock.ratelimit.RateLimiter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        Optional<EPin> stored = EPin.findByIdOptional(customerId);
        boolean right = stored.isPresent() ? hasher.matches(ePin, stored.get().hash) : hasher.matchesNothing(ePin);
        if (!right) {
            VerificationFailure reason = stored.isPresent() ? VerificationFailure.WRONG_E_PIN
                    : Customer.findByIdOptional(customerId).isPresent() ? VerificationFailure.E_PIN_NOT_SET
                    : VerificationFailure.UNKNOWN_CUSTOMER;
            boolean lockedNow = lockouts.recordFailure(lockout, now);
            throw refuse(agent, customerId, reason, lockout, lockedNow, now);
        }
        lockouts.clear(lockout);
        EPin matched = stored.get();
        if (hasher.isOutdated(matched.hash)) {
            matched.hash = hasher.hash(ePin);
        }
        CallerVerifications.Issued issued = verifications.create(customerId, agent, now.plus(config.verification().ttl()));
        audit.record(agent, "caller.verified", "customer", customerId, Map.of(
                "verification", CallerVerifications.reference(issued.verification()),
                "expiresAt", issued.verification().expiresAt.toString()));
        metrics.verified();
        return new Verified(issued.id(), customerId, issued.verification().expiresAt);
    }

    /**
     * The tokens of the caller behind {@code verificationId}, for the agent who verified them, until the
     * verification expires: unknown, expired and another agent's verifications are one refusal, as for a Code.
     * Audited, as every look at a customer's data is.
     */
    @Transactional
    public CallerTokens tokensOf(String verificationId) {
        String agent = staff.name();
        CallerVerification verification = verifications.findValid(verificationId, agent)
                .orElseThrow(UnlockRefusal.VERIFICATION_INVALID::exception);
        List<Token> owned = Token.list("customerId", Sort.descending("stateChangedAt"), verification.customerId);
        Map<String, List<CallerTokens.CallerCertificate>> certificates = owned.isEmpty() ? Map.of()
                : TokenCertificate.<TokenCertificate>list("csn in ?1", Sort.descending("notAfter"), owned.stream().map(t -> t.csn).toList())
                .stream().collect(Collectors.groupingBy(c -> c.csn, Collectors.mapping(
                        c -> new CallerTokens.CallerCertificate(c.usage, c.notAfter, c.revoked), Collectors.toList())));
        List<CallerTokens.CallerToken> tokens = owned.stream()
                .map(token -> new CallerTokens.CallerToken(token.csn, token.state.name(), token.stateChangedAt,
                        certificates.getOrDefault(token.csn, List.of())))
                .toList();
        audit.record(agent, "caller.tokens-shown", "customer", verification.customerId, Map.of(
                "verification", CallerVerifications.reference(verification), "tokens", tokens.size()));
        return new CallerTokens(verification.customerId, verification.expiresAt, tokens);
    }

    /** Publishes, audits and counts the failure, and gives what tells the agent. */
    private RefusalException refuse(String agent, String customerId, VerificationFailure reason, CallerLockout lockout,
                                    boolean lockedNow, Instant now) {
        int failedAttempts = lockout == null ? 0 : lockout.failedAttempts;
        boolean locked = lockout != null && lockouts.isLocked(lockout);
        outbox.append(new CallerVerificationFailed(customerId, agent, reason.name(), failedAttempts, locked, now), agent);
        audit.record(agent, "caller.verification-failed", "customer", customerId, Map.of(
                "reason", reason.name(), "failedAttempts", failedAttempts, "locked", locked));
        metrics.verificationFailed(reason);
        if (lockedNow) {
            metrics.ePinLocked();
        }
        // The wrong e-PIN that locks the identifier is recorded as what it was, and answered as the lockout it causes.
        return (lockedNow ? VerificationFailure.E_PIN_LOCKED : reason).exception();
    }
}
