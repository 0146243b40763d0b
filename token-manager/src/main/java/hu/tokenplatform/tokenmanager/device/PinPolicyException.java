package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;

/** The new PIN breaks a rule; the evaluation says which, so the screen can show it. */
public class PinPolicyException extends TokenDeviceException {

    private final transient PinEvaluation evaluation;

    public PinPolicyException(PinEvaluation evaluation) {
        super("the PIN does not meet the rules: " + evaluation.unmet());
        this.evaluation = evaluation;
    }

    public PinEvaluation evaluation() {
        return evaluation;
    }
}
