package hu.tokenplatform.tokenmanager.enrolment;

import hu.tokenplatform.tokencrypto.attestation.Pem;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The bank's PKI creates the token-factory CA once: its keystore goes to the token factory only, its certificate
 * to the registry, which certifies a token's keys only with an attestation chained to it. The keystore password
 * comes from {@code TOKEN_FACTORY_CA_PASSWORD} or is asked for twice. Never overwrites a keystore or a
 * certificate file.
 */
@Command(name = "factory-ca", mixinStandardHelpOptions = true)
public final class FactoryCaCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "TOKEN_FACTORY_CA_PASSWORD";
    static final int MIN_PASSWORD_LENGTH = 12;

    @ParentCommand
    TokenManager app;

    @Option(names = "--keystore", required = true, paramLabel = "P12")
    Path keystore;

    @Option(names = "--certificate-out", required = true, paramLabel = "PEM")
    Path certificateOut;

    @Option(names = "--bank-name", paramLabel = "NAME")
    String bankName = "Token Platform Bank";

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        for (Path existing : new Path[]{keystore, certificateOut}) {
            if (Files.exists(existing)) {
                terminal.complain("factory-ca.exists", existing);
                return ExitCodes.REFUSED;
            }
        }
        char[] password = password(terminal);
        try {
            if (password == null) {
                return ExitCodes.REFUSED;
            }
            TokenFactoryCa ca = TokenFactoryCa.create(bankName, Clock.systemUTC());
            // The certificate first: a keystore whose certificate never reached a file would be of no use.
            writeNew(certificateOut, Pem.certificate(ca.certificate()));
            try {
                ca.store(keystore, password);
            } catch (IllegalStateException e) {
                deleteQuietly(certificateOut);
                throw e;
            }
            terminal.say("factory-ca.done", keystore, certificateOut);
            return ExitCodes.OK;
        } catch (IllegalArgumentException | IllegalStateException e) {
            terminal.complain("factory-ca.failed", e.getMessage());
            return ExitCodes.REFUSED;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** From the environment (scripts), else typed twice; null after telling the user why it is refused. */
    private char[] password(Terminal terminal) {
        String fromEnvironment = app.environment().get(PASSWORD_VARIABLE);
        char[] password = fromEnvironment != null ? fromEnvironment.toCharArray() : terminal.askSecret("factory-ca.prompt.password");
        if (password.length < MIN_PASSWORD_LENGTH) {
            Arrays.fill(password, '\0');
            terminal.complain("factory-ca.password-too-short", MIN_PASSWORD_LENGTH);
            return null;
        }
        if (fromEnvironment == null) {
            char[] again = terminal.askSecret("factory-ca.prompt.password-again");
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(password, '\0');
                terminal.complain("factory-ca.passwords-differ");
                return null;
            }
        }
        return password;
    }

    private static void writeNew(Path file, String content) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new IllegalStateException("the certificate cannot be written to " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the keystore was not written; a certificate left behind certifies nothing anyone holds
        }
    }
}
