package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokencrypto.login.PendingLogin;

import java.util.Optional;

/**
 * Where Token Manager asks for the PIN of a login: in its own window or terminal, never in the web page,
 * naming the service and the page that asked so that the user knows what the PIN unlocks.
 */
public interface PinPrompt {

    /**
     * @param service the service's name as the bank registered it (from auth-service, not from the page)
     * @param origin  the bank login page that asked
     * @return the PIN (the caller clears it), or empty if the user cancelled
     */
    Optional<char[]> askLoginPin(PendingLogin.ClientName service, String origin, int triesLeft);
}
