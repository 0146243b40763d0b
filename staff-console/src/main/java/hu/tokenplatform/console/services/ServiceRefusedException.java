package hu.tokenplatform.console.services;

/**
 * A platform service said no: its problem JSON's stable {@code code} (what the console turns into words) and the
 * HTTP status. Also stands for a service that did not answer ({@link #UNAVAILABLE}). Carries no request data.
 */
public class ServiceRefusedException extends RuntimeException {

    /** The code the console uses when a service could not be reached or answered without problem JSON. */
    public static final String UNAVAILABLE = "service-unavailable";

    private final String code;
    private final int status;

    public ServiceRefusedException(String code, int status) {
        super("refused: " + code + " (" + status + ")");
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
