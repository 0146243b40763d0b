package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** First use: the token from the branch has no PIN yet; the user chooses one under the rules on screen. */
@Command(name = "set-pin", mixinStandardHelpOptions = true)
public final class SetPinCommand implements Callable<Integer> {

    @ParentCommand
    TokenManager app;

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.requireState(DeviceState.FACTORY, "setting the first PIN");
            terminal.say("set-pin.intro", status.csn());
            PinEntry.chooseNewPin(terminal, token, token::setInitialPin);
            terminal.say("set-pin.done");
            return ExitCodes.OK;
        }
    }
}
