package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokenmanager.cli.Terminal;

import java.util.Optional;

/** The login PIN asked on Token Manager's terminal; an empty answer cancels the login. */
public final class TerminalPinPrompt implements PinPrompt {

    private final Terminal terminal;

    public TerminalPinPrompt(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized Optional<char[]> askLoginPin(String client, String origin, int triesLeft) {
        terminal.say("login.pin-request", terminal.messages().clientName(client), origin, triesLeft);
        char[] pin = terminal.askSecret("pin.prompt.login");
        return pin.length == 0 ? Optional.empty() : Optional.of(pin);
    }
}
