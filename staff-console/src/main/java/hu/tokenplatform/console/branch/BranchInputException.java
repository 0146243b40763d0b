package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.Refused;

/** What the officer typed or chose has the wrong shape; the code names which field, for the words shown. */
public class BranchInputException extends Refused {

    public BranchInputException(String code) {
        super(code);
    }
}
