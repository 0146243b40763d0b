package hu.tokenplatform.console.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * The verified caller's tokens as unlock-service shows them to the agent who verified the caller, while the
 * verification lasts: which token the caller holds, and whether it can be unlocked at all.
 */
public record CallerTokens(String customerId, Instant verificationExpiresAt, List<CallerToken> tokens) {

    /**
     * One token: its CSN, the registry's state ({@code ISSUED}, {@code ACTIVE}, {@code REVOKED}) and since when, and
     * its certificates, latest expiry first.
     */
    public record CallerToken(String csn, String state, Instant since, List<CallerCertificate> certificates) {

        public CallerToken {
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
        }

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

    /** A certificate on the token: {@code LOGIN} or {@code SIGNING}, valid until {@code notAfter} unless revoked. */
    public record CallerCertificate(String usage, Instant notAfter, boolean revoked) {

        /** Expired: the caller needs a branch for new certificates, no Code helps. */
        public boolean expired() {
            return notAfter != null && !notAfter.isAfter(Instant.now());
        }

        /** The key of the usage's words in the console's texts. */
        public String usageKey() {
            return "SIGNING".equals(usage) ? "certificate_signing" : "certificate_login";
        }
    }
}
