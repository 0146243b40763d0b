package hu.tokenplatform.tokenmanager.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.GeneratedKey;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.NoAttestationKeyException;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Generates the LOGIN key pair (every user) and the SIGNING key pair (users with a signing right) on a token
 * fresh from the factory, and writes for the registry's hand-over their certificate signing requests
 * ({@code login-csr.pem}, {@code signing-csr.pem}) and the token's attestation statements
 * ({@code login-attestation.json}, {@code signing-attestation.json}). A token without a device attestation key is
 * refused before any key changes: the bank would certify none of its keys.
 */
@Command(name = "generate-keys", mixinStandardHelpOptions = true)
public final class GenerateKeysCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        try (TokenDevice token = app.tokenPort().open()) {
            DeviceStatus status = token.requireState(DeviceState.FACTORY, "personalisation");
            if (token.attestationCertificate().isEmpty()) {
                throw new NoAttestationKeyException();
            }
            Files.createDirectories(outputDirectory);
            TokenEnrolment branch = token.personalise();
            write(terminal, branch, KeySlot.LOGIN, status.csn());
            if (signing) {
                write(terminal, branch, KeySlot.SIGNING, status.csn());
            }
            return ExitCodes.OK;
        }
    }

    private void write(Terminal terminal, TokenEnrolment branch, KeySlot slot, String csn) throws IOException {
        String name = slot.name().toLowerCase(Locale.ROOT);
        GeneratedKey key = branch.generateKeyPair(slot, csn);
        Path request = outputDirectory.resolve(name + "-csr.pem");
        Path attestation = outputDirectory.resolve(name + "-attestation.json");
        Files.writeString(request, key.csrPem(), StandardCharsets.US_ASCII);
        Files.writeString(attestation, JSON.writeValueAsString(key.attestation()) + "\n", StandardCharsets.US_ASCII);
        terminal.say("enrol.csr-written", terminal.text("slot." + slot.name()), request);
        terminal.say("enrol.attestation-written", terminal.text("slot." + slot.name()), attestation);
    }
}
