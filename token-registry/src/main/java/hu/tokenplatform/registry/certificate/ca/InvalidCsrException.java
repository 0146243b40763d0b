package hu.tokenplatform.registry.certificate.ca;

/** A certificate signing request the CA refuses; the message never echoes the request itself. */
public class InvalidCsrException extends RuntimeException {

    public enum Reason {
        MALFORMED,
        TOO_LARGE,
        BAD_SIGNATURE,
        KEY_TYPE_NOT_ALLOWED,
        KEY_TOO_SMALL,
        WEAK_SIGNATURE_ALGORITHM
    }

    private final Reason reason;

    public InvalidCsrException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
