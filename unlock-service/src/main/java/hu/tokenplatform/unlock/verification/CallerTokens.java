package hu.tokenplatform.unlock.verification;

import java.time.Instant;
import java.util.List;

/**
 * What a verified caller's agent may see of the caller: the tokens handed over to them, so that
 * the agent can tell which one the caller holds and that a revoked one cannot be unlocked. The most recently
 * changed comes first.
 */
public record CallerTokens(String customerId, Instant verificationExpiresAt, List<CallerToken> tokens) {

    /** A token of the caller's, in the registry's state, since {@code since}, with its certificates, latest expiry first. */
    public record CallerToken(String csn, String state, Instant since, List<CallerCertificate> certificates) {
    }

    /** A certificate on the token: LOGIN or SIGNING, valid until {@code notAfter} unless revoked. */
    public record CallerCertificate(String usage, Instant notAfter, boolean revoked) {
    }
}
