package hu.tokenplatform.auth.signature;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a transaction signature is not accepted: stable codes for the Electra backend. */
public enum SignatureRefusal implements Refusal {
    SIGNATURE_MALFORMED("signature-malformed", 422, "The signature is not a detached CMS signature with one signer and its certificate."),
    SIGNATURE_INVALID("signature-invalid", 422, "The signature does not verify over the document."),
    SIGNER_CERTIFICATE_UNTRUSTED("signer-certificate-untrusted", 422, "The signing certificate was not issued by the bank's token CA."),
    NOT_A_SIGNING_CERTIFICATE("not-a-signing-certificate", 422, "The certificate is not a signing certificate."),
    SIGNER_CERTIFICATE_UNKNOWN("signer-certificate-unknown", 422, "The signing certificate is not known to the bank as a token certificate."),
    SIGNING_TIME_MISSING("signing-time-missing", 422, "The signature carries no signing time."),
    SIGNING_TIME_OUT_OF_RANGE("signing-time-out-of-range", 422, "The signing time is too old or in the future."),
    CERTIFICATE_NOT_VALID_AT_SIGNING_TIME("certificate-not-valid-at-signing-time", 422, "The certificate was not valid at the signing time."),
    CERTIFICATE_REVOKED("certificate-revoked", 422, "The certificate or its token was revoked at the signing time."),
    /** No verdict, not a bad signature: the backend may ask again later. */
    REVOCATION_STATUS_UNKNOWN("revocation-status-unknown", 503, "The revocation status cannot be checked now; try again later."),
    NO_SIGNING_RIGHT("no-signing-right", 422, "The signer holds no signing right.");

    private final Answer answer;

    SignatureRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** One title for every verdict against a signature, whatever its status. */
    @Override
    public String title() {
        return "Signature not accepted";
    }
}
