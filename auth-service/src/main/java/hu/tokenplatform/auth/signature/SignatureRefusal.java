package hu.tokenplatform.auth.signature;

import hu.tokenplatform.servicekit.problem.RefusalException;

/** Why a transaction signature is not accepted: stable codes for the Electra backend. */
public enum SignatureRefusal {
    SIGNATURE_MALFORMED("signature-malformed", "The signature is not a detached CMS signature with one signer and its certificate."),
    SIGNATURE_INVALID("signature-invalid", "The signature does not verify over the document."),
    SIGNER_CERTIFICATE_UNTRUSTED("signer-certificate-untrusted", "The signing certificate was not issued by the bank's token CA."),
    NOT_A_SIGNING_CERTIFICATE("not-a-signing-certificate", "The certificate is not a signing certificate."),
    SIGNER_CERTIFICATE_UNKNOWN("signer-certificate-unknown", "The signing certificate is not known to the bank as a token certificate."),
    SIGNING_TIME_MISSING("signing-time-missing", "The signature carries no signing time."),
    SIGNING_TIME_OUT_OF_RANGE("signing-time-out-of-range", "The signing time is too old or in the future."),
    CERTIFICATE_NOT_VALID_AT_SIGNING_TIME("certificate-not-valid-at-signing-time", "The certificate was not valid at the signing time."),
    CERTIFICATE_REVOKED("certificate-revoked", "The certificate or its token was revoked at the signing time."),
    REVOCATION_STATUS_UNKNOWN("revocation-status-unknown", "The revocation status cannot be checked now; try again later."),
    NO_SIGNING_RIGHT("no-signing-right", "The signer holds no signing right.");

    private final String code;
    private final String detail;

    SignatureRefusal(String code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public String code() {
        return code;
    }

    public RefusalException exception() {
        int status = this == REVOCATION_STATUS_UNKNOWN ? 503 : 422;
        return new RefusalException(status, code, "Signature not accepted", detail);
    }
}
