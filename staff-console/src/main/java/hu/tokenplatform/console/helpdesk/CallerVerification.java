package hu.tokenplatform.console.helpdesk;

import java.time.Instant;

/**
 * A verified caller: the verification id (bound by unlock-service to the agent who made it, so useless to anyone
 * else) until {@code expiresAt}.
 */
public record CallerVerification(String verificationId, String customerId, Instant expiresAt) {

    @Override
    public String toString() {
        return "CallerVerification[customerId=" + customerId + ", expiresAt=" + expiresAt + "]";
    }
}
