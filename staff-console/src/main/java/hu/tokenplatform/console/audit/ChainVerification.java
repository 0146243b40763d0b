package hu.tokenplatform.console.audit;

/** {@code GET /audit/verification}: whether the hash chain is intact, else the first entry that breaks it. */
public record ChainVerification(boolean intact, Long firstBrokenEntryId) {
}
