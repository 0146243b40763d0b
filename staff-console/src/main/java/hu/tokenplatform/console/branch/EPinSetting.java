package hu.tokenplatform.console.branch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.regex.Pattern;

/**
 * Setting a user's e-PIN at the branch (also after a lockout: a new e-PIN lifts it). Typed twice, so that a typo
 * does not leave the customer with an e-PIN they do not know. The e-PIN goes to unlock-service and nowhere else.
 */
@ApplicationScoped
public class EPinSetting {

    /** unlock-service's {@code EPin.PATTERN}: 6 ASCII digits. */
    private static final Pattern E_PIN = Pattern.compile("[0-9]{6}");

    @Inject
    @RestClient
    EPinClient ePins;

    public EPinStatus set(String customerId, String ePin, String ePinAgain) {
        String id = BranchInput.customerId(customerId);
        if (ePin == null || !E_PIN.matcher(ePin).matches()) {
            throw new BranchInputException("invalid-e-pin");
        }
        if (!ePin.equals(ePinAgain)) {
            throw new BranchInputException("e-pins-differ");
        }
        return BranchInput.call(() -> ePins.set(id, new EPinChange(ePin)));
    }
}
