package hu.tokenplatform.console.services;

/**
 * A request the console could not carry out, named by a stable code the pages turn into words
 * ({@code refusal.<code>} in the texts): what the person typed had the wrong shape, or a service said no.
 */
public abstract class Refused extends RuntimeException {

    private final String code;

    protected Refused(String code) {
        super(code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
