package hu.tokenplatform.tokenmanager.signing;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** Signs a document with the signing key (users with a signing right), after the PIN; writes a detached .p7s. */
@Command(name = "sign", mixinStandardHelpOptions = true)
public final class SignCommand implements Callable<Integer> {

    @ParentCommand
    TokenManager app;

    @Parameters(index = "0", paramLabel = "DOCUMENT")
    Path document;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE")
    Path output;

    @Option(names = "--pem")
    boolean pem;

    @Override
    public Integer call() throws IOException {
        Terminal terminal = app.terminal();
        if (!Files.isRegularFile(document)) {
            terminal.complain("sign.no-document", document);
            return ExitCodes.REFUSED;
        }
        Path target = output != null ? output : Path.of(document + (pem ? ".p7s.pem" : ".p7s"));
        if (Files.exists(target)) {
            terminal.complain("sign.output-exists", target);
            return ExitCodes.REFUSED;
        }
        try (TokenDevice token = app.tokenPort().open()) {
            token.requireState(DeviceState.READY, "signing");
            if (token.certificate(KeySlot.SIGNING).isEmpty()) {
                terminal.complain("sign.no-signing-certificate");
                return ExitCodes.REFUSED;
            }
            char[] pin = terminal.askSecret("pin.prompt.sign", document.getFileName());
            byte[] signature;
            try (TokenSession session = token.login(pin)) {
                signature = DocumentSigner.signDetached(session, new CMSProcessableFile(document.toFile()));
            } finally {
                Arrays.fill(pin, '\0');
            }
            Files.write(target, pem ? toPem(signature) : signature, StandardOpenOption.CREATE_NEW);
            terminal.say("sign.done", document.getFileName(), target);
            return ExitCodes.OK;
        }
    }

    private static byte[] toPem(byte[] der) {
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("CMS", der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
