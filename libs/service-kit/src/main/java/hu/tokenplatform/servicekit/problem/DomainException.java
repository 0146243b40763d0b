package hu.tokenplatform.servicekit.problem;

/**
 * A refused request, carrying the HTTP status and the stable error code clients switch on.
 * The detail is shown to the caller, so it must never contain a secret.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public DomainException(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
