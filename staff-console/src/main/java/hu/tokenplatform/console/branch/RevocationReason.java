package hu.tokenplatform.console.branch;

/**
 * Why the branch takes a token out of use: the registry's {@code TokenRevocationReason} less {@code REPLACED}, which
 * only the replacement's hand-over records (the registry refuses it here as {@code revocation-reason-not-allowed}).
 * LOST and STOLEN revoke the certificates as key compromise, RETURNED as cessation of operation.
 */
public enum RevocationReason {
    LOST, STOLEN, RETURNED
}
