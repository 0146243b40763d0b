package hu.tokenplatform.console.helpdesk;

import java.time.Instant;
import java.util.List;

/** The Code for the caller's token, {@code code} grouped for dictation by unlock-service ({@code "1234 5678"}). */
public record UnlockCode(String csn, String customerId, String random, String code, Instant issuedAt) {

    /** The groups the agent reads out one by one. */
    public List<String> groups() {
        return List.of(code.trim().split(" +"));
    }

    @Override
    public String toString() {
        return "UnlockCode[csn=" + csn + ", issuedAt=" + issuedAt + "]";
    }
}
