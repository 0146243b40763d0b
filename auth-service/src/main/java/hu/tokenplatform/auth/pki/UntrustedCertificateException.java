package hu.tokenplatform.auth.pki;

/** A certificate that is not a valid certificate of the bank's issuing CA at the time asked. */
public class UntrustedCertificateException extends Exception {

    public enum Reason {
        /** Does not chain to the bank's issuing CA, or its signature or extensions are bad. */
        UNTRUSTED,
        /** Outside its validity period (expired, or not yet valid). */
        EXPIRED
    }

    private final Reason reason;

    public UntrustedCertificateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
