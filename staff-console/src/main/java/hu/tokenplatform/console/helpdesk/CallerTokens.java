package hu.tokenplatform.console.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * The verified caller's tokens as unlock-service shows them to the agent who verified the caller, while the
 * verification lasts: which token the caller holds, and whether it can be unlocked at all.
 */
public record CallerTokens(String customerId, Instant verificationExpiresAt, List<CallerToken> tokens) {

    /** One token: its CSN, the registry's state ({@code ISSUED}, {@code ACTIVE}, {@code REVOKED}) and since when. */
    public record CallerToken(String csn, String state, Instant since) {

        public boolean revoked() {
            return "REVOKED".equals(state);
        }

        /** The key of the state's words in the console's texts; an unknown state has words of its own. */
        public String stateKey() {
            return switch (state == null ? "" : state) {
                case "ISSUED", "ACTIVE", "REVOKED" -> "token_state_" + state.toLowerCase(java.util.Locale.ROOT);
                default -> "token_state_unknown";
            };
        }
    }
}
