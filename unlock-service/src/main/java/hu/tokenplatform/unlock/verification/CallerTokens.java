package hu.tokenplatform.unlock.verification;

import java.time.Instant;
import java.util.List;

/**
 * What a verified caller's agent may see of the caller: the tokens handed over to them, so that
 * the agent can tell which one the caller holds and that a revoked one cannot be unlocked. The most recently
 * changed comes first.
 */
public record CallerTokens(String customerId, Instant verificationExpiresAt, List<CallerToken> tokens) {

    /** A token of the caller's, in the registry's state, since {@code since}. */
    public record CallerToken(String csn, String state, Instant since) {
    }
}
