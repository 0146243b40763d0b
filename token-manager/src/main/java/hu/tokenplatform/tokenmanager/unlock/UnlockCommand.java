package hu.tokenplatform.tokenmanager.unlock;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenStateException;
import hu.tokenplatform.tokenmanager.pin.PinEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * The helpdesk unlock from the letter: Token Manager shows CSN and Random for the user to read out, takes the
 * Code the helpdesk reads back, and then opens "New PIN". A token whose Code was already accepted goes
 * straight to the new PIN.
 */
@Command(name = "unlock", mixinStandardHelpOptions = true)
public final class UnlockCommand implements Callable<Integer> {

    /** Codes typed in one run, across Randoms, before the command stops (the token limits each Random itself). */
    static final int MAX_CODES_PER_RUN = 10;

    @ParentCommand
    TokenManager app;

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.status();
            if (status.state() == DeviceState.READY) {
                terminal.say("unlock.not-locked");
                return ExitCodes.OK;
            }
            if (status.state() == DeviceState.FACTORY || status.state() == DeviceState.BLOCKED) {
                throw new TokenStateException(status.state(), "unlocking");
            }
            if (status.state() == DeviceState.LOCKED && !acceptCode(terminal, token, status)) {
                return ExitCodes.REFUSED;
            }
            terminal.say("unlock.code-accepted");
            PinEntry.chooseNewPin(terminal, token, token::setPinAfterUnlock);
            terminal.say("unlock.done");
            return ExitCodes.OK;
        }
    }

    private static boolean acceptCode(Terminal terminal, TokenDevice token, DeviceStatus status) {
        terminal.say("unlock.call-helpdesk");
        terminal.say("unlock.csn", status.csn());
        String random = status.unlockRandom().orElseThrow();
        terminal.say("unlock.random", UnlockCodes.forDictation(random));
        for (int attempt = 0; attempt < MAX_CODES_PER_RUN; attempt++) {
            String code = terminal.ask("unlock.prompt.code");
            if (code.isEmpty()) {
                terminal.say("unlock.cancelled");
                return false;
            }
            HelpdeskCode.Outcome outcome = HelpdeskCode.submit(token, code, random);
            switch (outcome.verdict()) {
                case ACCEPTED -> {
                    return true;
                }
                case BLOCKED -> {
                    terminal.complain("error.token-state.BLOCKED");
                    return false;
                }
                case WRONG -> terminal.say("unlock.wrong-code");
                case NEW_RANDOM -> {
                    random = outcome.random();
                    terminal.say("unlock.new-random", UnlockCodes.forDictation(random));
                }
            }
        }
        terminal.say("unlock.too-many-codes");
        return false;
    }
}
