package hu.tokenplatform.console.services;

/**
 * A platform service said no: its problem JSON's stable {@code code} and the HTTP status. Also stands for a service
 * that did not answer ({@link #UNAVAILABLE}). Carries no request data.
 */
public class ServiceRefusedException extends Refused {

    /** The code the console uses when a service could not be reached or answered without problem JSON. */
    public static final String UNAVAILABLE = "service-unavailable";

    private final int status;

    public ServiceRefusedException(String code, int status) {
        super(code);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
