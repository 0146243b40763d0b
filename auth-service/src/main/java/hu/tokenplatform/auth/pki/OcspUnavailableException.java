package hu.tokenplatform.auth.pki;

import java.util.Locale;

/**
 * No trustworthy OCSP answer could be had: the revocation status is unknown and the caller fails closed. The reason
 * says which rule refused the answer (or what kept it from coming); the message never holds response bytes.
 */
public class OcspUnavailableException extends Exception {

    public enum Reason {
        /** Connection refused or broken, or another I/O error. */
        UNREACHABLE,
        /** No complete answer within {@code auth.revocation.ocsp-timeout}. */
        TIMEOUT,
        /** An HTTP status other than 200. */
        HTTP_STATUS,
        /** Not {@code application/ocsp-response}, not one DER OCSPResponse, or not a basic response. */
        NOT_OCSP,
        /** Larger than {@code auth.revocation.ocsp-max-response-bytes}. */
        TOO_LARGE,
        /** The responder answered an error status (malformedRequest, internalError, tryLater, sigRequired, unauthorized). */
        RESPONDER_ERROR,
        /** Signed neither by the pinned issuing CA nor by a certificate it issued. */
        SIGNER_UNTRUSTED,
        /** Signed by a certificate of the issuing CA that is not a valid OCSP responder now (no id-kp-OCSPSigning, expired, a CA). */
        SIGNER_NOT_AUTHORISED,
        /** The signature does not verify with the signer's key, or uses an algorithm not accepted. */
        SIGNATURE_INVALID,
        /** The answer does not echo the request's nonce. */
        NONCE_MISSING,
        /** The answer carries another nonce: made for another request (a replayed answer). */
        NONCE_MISMATCH,
        /** The answer is not exactly one status for the certificate asked about (issuer name and key hash, serial). */
        CERT_ID_MISMATCH,
        /** thisUpdate further in the future than the clock skew allows. */
        THIS_UPDATE_IN_FUTURE,
        /** thisUpdate older than {@code auth.revocation.ocsp-max-age}. */
        THIS_UPDATE_TOO_OLD,
        /** nextUpdate has passed. */
        NEXT_UPDATE_PASSED,
        /** A critical extension this client does not understand. */
        UNSUPPORTED_CRITICAL_EXTENSION;

        /** kebab-case, for metrics and logs. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public OcspUnavailableException(Reason reason, String message) {
        super(reason.code() + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
