package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.x509.CRLReason;

/** CRL reason codes the registry uses (RFC 5280, 5.3.1). */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    /** Lost or stolen token: the key may be in someone else's hands. */
    KEY_COMPROMISE(CRLReason.keyCompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    /** Replaced by a new token. */
    SUPERSEDED(CRLReason.superseded),
    /** Token returned to the bank. */
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
