package hu.tokenplatform.unlock.verification;

import java.time.Instant;

/** A caller verified for the agent who asked: the id the agent quotes to get a code, until {@code expiresAt}. */
public record Verified(String verificationId, String customerId, Instant expiresAt) {

    /** Never print the verification id, whoever logs this record: it stands for the verified caller. */
    @Override
    public String toString() {
        return "Verified[customerId=" + customerId + ", expiresAt=" + expiresAt + "]";
    }
}
