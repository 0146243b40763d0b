package hu.tokenplatform.tokenmanager.status;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** What the Token Manager icon shows: CSN, state, PIN tries left, the Random while locked, the certificates. */
@Command(name = "status", mixinStandardHelpOptions = true)
public final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.systemDefault());

    @ParentCommand
    TokenManager app;

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.status();
            terminal.say("status.csn", status.csn());
            terminal.say("status.state", terminal.text("state." + status.state().name()));
            terminal.say("status.tries-left", status.pinTriesLeft(), DeviceStatus.MAX_PIN_TRIES);
            status.unlockRandom().ifPresent(random -> terminal.say("status.random", UnlockCodes.forDictation(random)));
            for (KeySlot slot : KeySlot.values()) {
                String name = terminal.text("slot." + slot.name());
                token.certificate(slot).ifPresentOrElse(
                        certificate -> terminal.say("status.certificate", name, validUntil(certificate)),
                        () -> terminal.say("status.no-certificate", name));
            }
            return ExitCodes.OK;
        }
    }

    private static String validUntil(X509Certificate certificate) {
        return DATE.format(certificate.getNotAfter().toInstant());
    }
}
