package hu.tokenplatform.console.branch;

import java.time.Instant;

/**
 * One of a user's tokens as the registry answers it ({@code GET /tokens?customerId=}); {@code state} is the
 * registry's {@code TokenState} ({@code IN_STOCK}, {@code ISSUED}, {@code ACTIVE}, {@code REVOKED}).
 */
public record UserToken(String csn, String model, String state, String ownerCustomerId, Instant stateChangedAt,
                        Instant handedOverAt, Instant revokedAt, String revocationReason, Instant lastUnlockCodeAt) {

    /** ISSUED or ACTIVE: a token the user can log in with, and one the branch can revoke. */
    public boolean live() {
        return "ISSUED".equals(state) || "ACTIVE".equals(state);
    }
}
