package hu.tokenplatform.console.helpdesk;

/** What the agent typed has the wrong shape; {@code code} names which field, for the words shown. */
public class HelpdeskInputException extends RuntimeException {

    private final String code;

    public HelpdeskInputException(String code) {
        super(code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
