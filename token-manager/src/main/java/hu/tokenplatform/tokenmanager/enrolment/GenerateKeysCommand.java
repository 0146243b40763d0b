package hu.tokenplatform.tokenmanager.enrolment;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Generates the LOGIN key pair (every user) and the SIGNING key pair (users with a signing right) on a token
 * fresh from the factory, and writes their certificate signing requests for the registry's hand-over.
 */
@Command(name = "generate-keys", mixinStandardHelpOptions = true)
public final class GenerateKeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path outputDirectory;

    @Option(names = "--signing")
    boolean signing;

    @Override
    public Integer call() throws IOException {
        TokenManager app = (TokenManager) spec.root().userObject();
        Terminal terminal = app.terminal();
        Files.createDirectories(outputDirectory);
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.requireState(DeviceState.FACTORY, "personalisation");
            TokenEnrolment branch = token.personalise();
            write(terminal, branch, KeySlot.LOGIN, status.csn());
            if (signing) {
                write(terminal, branch, KeySlot.SIGNING, status.csn());
            }
            return ExitCodes.OK;
        }
    }

    private void write(Terminal terminal, TokenEnrolment branch, KeySlot slot, String csn) throws IOException {
        Path file = outputDirectory.resolve(slot.name().toLowerCase(Locale.ROOT) + "-csr.pem");
        Files.writeString(file, branch.generateKeyPair(slot, csn), StandardCharsets.US_ASCII);
        terminal.say("enrol.csr-written", terminal.text("slot." + slot.name()), file);
    }
}
