package hu.tokenplatform.tokencrypto.attestation;

/**
 * An attestation statement the verifier refuses, with the reason as a stable name. The message says what is
 * wrong in fixed words and never repeats the statement's content.
 */
public class KeyAttestationException extends RuntimeException {

    public enum Reason {
        /** A member is missing or not of its required form. */
        MALFORMED,
        /** A member is longer than any genuine statement's. */
        TOO_LARGE,
        UNSUPPORTED_FORMAT,
        /** The statement does not claim exactly "generated-on-token" and "not-exportable". */
        UNSUPPORTED_KEY_PROPERTIES,
        /**
         * The device certificate was not issued by a pinned token-factory CA directly (a chain, an intermediate CA,
         * another key of the CA's name), or that CA is not valid now.
         */
        UNTRUSTED_DEVICE_CERTIFICATE,
        DEVICE_CERTIFICATE_EXPIRED,
        DEVICE_CERTIFICATE_NOT_YET_VALID,
        /**
         * The certificate is not a device attestation certificate: a CA, key usage other than digitalSignature alone
         * (critical), extended key usage other than token key attestation alone (critical), another critical
         * extension, a key other than EC P-256, or not exactly one SERIALNUMBER holding a CSN.
         */
        NOT_A_DEVICE_CERTIFICATE,
        /** The device certificate belongs to a token with another CSN than the one expected. */
        DEVICE_OF_ANOTHER_TOKEN,
        /** The device key did not sign this statement. */
        BAD_SIGNATURE,
        /** A genuine statement about another CSN. */
        CSN_MISMATCH,
        /** A genuine statement about a key for the other purpose. */
        PURPOSE_MISMATCH,
        /** A genuine statement about another key than the one to be certified. */
        KEY_MISMATCH
    }

    private final Reason reason;

    public KeyAttestationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KeyAttestationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
