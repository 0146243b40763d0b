package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** "Change PIN" from the letter: the old PIN, then a new one under the rules, then its confirmation. */
@Command(name = "change-pin", mixinStandardHelpOptions = true)
public final class ChangePinCommand implements Callable<Integer> {

    @ParentCommand
    TokenManager app;

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.requireState(DeviceState.READY, "changing the PIN");
            terminal.say("change-pin.intro", status.csn(), status.pinTriesLeft());
            char[] oldPin = terminal.askSecret("pin.prompt.old");
            try {
                PinEntry.chooseNewPin(terminal, token, newPin -> token.changePin(oldPin, newPin));
            } finally {
                Arrays.fill(oldPin, '\0');
            }
            terminal.say("change-pin.done");
            return ExitCodes.OK;
        }
    }
}
