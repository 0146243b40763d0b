package hu.tokenplatform.console.helpdesk;

import hu.tokenplatform.console.services.ServiceRefusedException;
import hu.tokenplatform.events.Identifiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The helpdesk's unlock call as the console runs it: the caller's words checked for shape first (so that a typo
 * costs the caller no e-PIN try and the agent no verification), then unlock-service, which decides.
 */
@ApplicationScoped
public class HelpdeskCall {

    /** unlock-service's code for a verification that is unknown, expired or another agent's. */
    static final String VERIFICATION_ENDED = "verification-invalid";

    private static final Pattern E_PIN = Pattern.compile("[0-9]{6}");
    /** The 10 digits Token Manager shows, grouped as people dictate them; unlock-service reads the same forms. */
    private static final Pattern RANDOM = Pattern.compile("[0-9](?:[ -]?[0-9]){9}");
    /** unlock-service keeps at most this much of the reason, on one line, in its audit entry. */
    private static final int REASON_MAX = 200;

    @Inject
    @RestClient
    UnlockServiceClient unlockService;

    /** Step 1: the customer identifier and e-PIN as the caller dictates them. */
    public CallerVerification verify(String customerId, String ePin) {
        String id = trim(customerId);
        if (!Identifiers.isCustomerId(id)) {
            throw new HelpdeskInputException("invalid-customer-id");
        }
        if (ePin == null || !E_PIN.matcher(ePin).matches()) {
            throw new HelpdeskInputException("invalid-e-pin");
        }
        try {
            return unlockService.verifyCaller(new CallerVerificationRequest(id, ePin));
        } catch (ProcessingException e) {
            throw new ServiceRefusedException(ServiceRefusedException.UNAVAILABLE, 503);
        }
    }

    /**
     * Step 2, what the agent sees: the verified caller's tokens. Unlock-service gives them only to the agent who
     * verified the caller, and only while the verification lasts.
     */
    public CallerTokens callerTokens(String verificationId) {
        String verification = verificationIdOf(verificationId);
        try {
            return unlockService.callerTokens(new ShowCallerTokens(verification));
        } catch (ProcessingException e) {
            throw new ServiceRefusedException(ServiceRefusedException.UNAVAILABLE, 503);
        }
    }

    /**
     * Step 2: CSN and Random as the caller reads them off Token Manager, and the agent's reason for the Code.
     * The CSN is taken in upper case and without the spaces people read it with.
     */
    public UnlockCode unlockCode(String verificationId, String csn, String random, String reason) {
        String normalisedCsn = trim(csn).replace(" ", "").toUpperCase(Locale.ROOT);
        if (!Identifiers.isCsn(normalisedCsn)) {
            throw new HelpdeskInputException("invalid-csn");
        }
        String dictatedRandom = trim(random);
        if (!RANDOM.matcher(dictatedRandom).matches()) {
            throw new HelpdeskInputException("invalid-random");
        }
        String why = trim(reason);
        if (why.isEmpty() || why.length() > REASON_MAX || why.chars().anyMatch(Character::isISOControl)) {
            throw new HelpdeskInputException("reason-required");
        }
        String verification = verificationIdOf(verificationId);
        try {
            return unlockService.unlockCode(new UnlockCodeRequest(verification, normalisedCsn, dictatedRandom, why));
        } catch (ProcessingException e) {
            throw new ServiceRefusedException(ServiceRefusedException.UNAVAILABLE, 503);
        }
    }

    /** The verification id the page carried, if it has the shape unlock-service issues. */
    private static String verificationIdOf(String verificationId) {
        String verification = trim(verificationId);
        if (!Identifiers.VERIFICATION_ID.matcher(verification).matches()) {
            // Not an id unlock-service issues: the hidden field was tampered with.
            throw new ServiceRefusedException(VERIFICATION_ENDED, 422);
        }
        return verification;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
