package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.cli.Terminal;

import java.util.Optional;

/** The login PIN asked on Token Manager's terminal; an empty answer cancels the login. */
public final class TerminalPinPrompt implements PinPrompt {

    private final Terminal terminal;

    public TerminalPinPrompt(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized Optional<char[]> askLoginPin(PendingLogin.ClientName service, String origin, int triesLeft) {
        terminal.say("login.pin-request", service.in(terminal.messages().locale()), origin, triesLeft);
        char[] pin = terminal.askSecret("pin.prompt.login");
        return pin.length == 0 ? Optional.empty() : Optional.of(pin);
    }
}
