package hu.tokenplatform.tokenmanager.login;

import java.util.Optional;

/**
 * Where Token Manager asks for the PIN of a login: in its own window or terminal, never in the web page,
 * naming the service and the page that asked so that the user knows what the PIN unlocks.
 */
public interface PinPrompt {

    /** @return the PIN (the caller clears it), or empty if the user cancelled */
    Optional<char[]> askLoginPin(String client, String origin, int triesLeft);
}
