package hu.tokenplatform.registry.token;

import hu.tokenplatform.registry.certificate.ca.RevocationReason;

/** Why a token is taken out of use, and the CRL reason its certificates get. */
public enum TokenRevocationReason {
    LOST(RevocationReason.KEY_COMPROMISE),
    STOLEN(RevocationReason.KEY_COMPROMISE),
    RETURNED(RevocationReason.CESSATION_OF_OPERATION),
    REPLACED(RevocationReason.SUPERSEDED);

    private final RevocationReason crlReason;

    TokenRevocationReason(RevocationReason crlReason) {
        this.crlReason = crlReason;
    }

    public RevocationReason crlReason() {
        return crlReason;
    }
}
