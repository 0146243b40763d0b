package hu.tokenplatform.console.branch;

/** The registry's {@code POST /tokens/{csn}/revocation} body. */
public record Revocation(RevocationReason reason) {
}
