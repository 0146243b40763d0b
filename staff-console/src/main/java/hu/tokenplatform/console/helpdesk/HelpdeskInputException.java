package hu.tokenplatform.console.helpdesk;

import hu.tokenplatform.console.services.Refused;

/** What the agent typed has the wrong shape; the code names which field, for the words shown. */
public class HelpdeskInputException extends Refused {

    public HelpdeskInputException(String code) {
        super(code);
    }
}
