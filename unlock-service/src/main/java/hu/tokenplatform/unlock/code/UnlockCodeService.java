package hu.tokenplatform.unlock.code;

import hu.tokenplatform.events.data.UnlockCodeIssued;
import hu.tokenplatform.events.data.UnlockRefused;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.unlock.config.UnlockConfig;
import hu.tokenplatform.unlock.metrics.UnlockMetrics;
import hu.tokenplatform.unlock.projection.Token;
import hu.tokenplatform.unlock.projection.TokenState;
import hu.tokenplatform.unlock.ratelimit.RateLimiter;
import hu.tokenplatform.unlock.verification.CallerVerification;
import hu.tokenplatform.unlock.verification.CallerVerifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the unlock code for the CSN and Random a verified caller reads out, after checking, from the
 * registry's events, that the token is that caller's and not revoked. A refusal computes nothing.
 */
@ApplicationScoped
public class UnlockCodeService {

    static final String RATE_SCOPE = "unlock-code";
    private static final Duration RATE_WINDOW = Duration.ofDays(1);

    @Inject
    UnlockConfig config;

    @Inject
    CallerVerifications verifications;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    MasterUnlockKey masterKey;

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

    /** Longest reason an agent may give for a Code (the staff console asks for one). */
    public static final int MAX_REASON_LENGTH = 200;

    /**
     * A refusal commits its audit entry and event, so the exception that tells the agent does not roll back.
     *
     * @param reason why the agent issues the Code, in the agent's words (may be null): kept in the audit entry as
     *               {@code agentReason}, for the auditor; never in the event
     */
    @Transactional(dontRollbackOn = RefusalException.class)
    public IssuedCode issue(String verificationId, String csn, String random, String reason) {
        String agent = staff.name();
        Instant now = clock.instant();
        Optional<CallerVerification> found = verifications.findValid(verificationId, agent);
        if (found.isEmpty()) {
            throw refuse(agent, csn, null, null, UnlockRefusal.VERIFICATION_INVALID, now);
        }
        CallerVerification verification = found.get();
        String customerId = verification.customerId;
        Optional<Token> handedOver = Token.findByIdOptional(csn);
        if (handedOver.isEmpty()) {
            throw refuse(agent, csn, customerId, verification, UnlockRefusal.TOKEN_UNKNOWN, now);
        }
        Token token = handedOver.get();
        if (!token.customerId.equals(customerId)) {
            throw refuse(agent, csn, customerId, verification, UnlockRefusal.CSN_NOT_CALLERS, now);
        }
        if (token.state == TokenState.REVOKED) {
            throw refuse(agent, csn, customerId, verification, UnlockRefusal.TOKEN_REVOKED, now);
        }
        if (!rateLimiter.tryAcquire(RATE_SCOPE, csn, config.limits().codesPerTokenPerDay(), RATE_WINDOW)) {
            throw refuse(agent, csn, customerId, verification, UnlockRefusal.DAILY_LIMIT, now);
        }
        String normalisedRandom = UnlockCodes.normalise(random);
        String code = masterKey.codeFor(csn, normalisedRandom);
        outbox.append(new UnlockCodeIssued(csn, customerId, now), agent);
        Map<String, Object> details = new HashMap<>();
        details.put("customerId", customerId);
        details.put("verification", CallerVerifications.reference(verification));
        if (reason != null && !reason.isBlank()) {
            details.put("agentReason", reason.strip());
        }
        audit.record(agent, "unlock.code-issued", "token", csn, details);
        metrics.codeIssued();
        return new IssuedCode(csn, customerId, UnlockCodes.forDictation(normalisedRandom), code, now);
    }

    /** Publishes, audits and counts the refusal, and gives what tells the agent. */
    private RefusalException refuse(String agent, String csn, String customerId, CallerVerification verification,
                                    UnlockRefusal reason, Instant now) {
        outbox.append(new UnlockRefused(csn, customerId, agent, reason.name(), now), agent);
        Map<String, Object> details = new HashMap<>();
        details.put("reason", reason.name());
        if (verification != null) {
            details.put("customerId", customerId);
            details.put("verification", CallerVerifications.reference(verification));
        }
        audit.record(agent, "unlock.refused", "token", csn, details);
        metrics.refused(reason);
        return reason.exception();
    }
}
