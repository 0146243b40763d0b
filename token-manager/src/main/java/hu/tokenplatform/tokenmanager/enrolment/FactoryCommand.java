package hu.tokenplatform.tokenmanager.enrolment;

import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokencrypto.pin.PinPolicy;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.TokenFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The token factory (bank use): writes a new virtual token with its CSN, its unlock key diversified from the
 * master unlock key in the bank's keystore, and its device attestation key, certified by the token-factory CA.
 * The keystore passwords come from {@code TOKEN_FACTORY_KEYSTORE_PASSWORD} and {@code TOKEN_FACTORY_CA_PASSWORD}
 * or are asked for.
 */
@Command(name = "factory", mixinStandardHelpOptions = true)
public final class FactoryCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "TOKEN_FACTORY_KEYSTORE_PASSWORD";

    @ParentCommand
    TokenManager app;

    @Option(names = "--csn", required = true, paramLabel = "CSN")
    String csn;

    @Option(names = "--master-keystore", required = true, paramLabel = "P12")
    Path masterKeystore;

    @Option(names = "--attestation-ca", required = true, paramLabel = "P12")
    Path attestationCa;

    @Option(names = "--pin-min-length", paramLabel = "N")
    int pinMinLength = PinPolicy.defaults().minLength();

    @Option(names = "--pin-max-length", paramLabel = "N")
    int pinMaxLength = PinPolicy.defaults().maxLength();

    @Option(names = "--pin-min-classes", paramLabel = "N")
    int pinMinClasses = PinPolicy.defaults().minCharacterClasses();

    @Option(names = "--pin-max-repeated", paramLabel = "N")
    int pinMaxRepeated = PinPolicy.defaults().maxRepeatedRun();

    @Option(names = "--pin-max-sequence", paramLabel = "N")
    int pinMaxSequence = PinPolicy.defaults().maxSequenceLength();

    @Option(names = "--pin-history", paramLabel = "N")
    int pinHistory = PinPolicy.defaults().historySize();

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        char[] password = secret(PASSWORD_VARIABLE, "factory.prompt.password");
        char[] caPassword = null;
        byte[] masterKey = null;
        try {
            PinPolicy policy = new PinPolicy(pinMinLength, pinMaxLength, pinMinClasses, pinMaxRepeated, pinMaxSequence, pinHistory);
            masterKey = MasterUnlockKeyStore.load(masterKeystore, password);
            caPassword = secret(FactoryCaCommand.PASSWORD_VARIABLE, "factory.prompt.ca-password");
            TokenFactoryCa factoryCa = TokenFactoryCa.load(attestationCa, caPassword);
            Path token = app.tokenPort().directory();
            TokenFactory.provision(token, csn, masterKey, TokenFactory.PIN_HASH_ITERATIONS, policy, factoryCa);
            terminal.say("factory.done", csn, token);
            return ExitCodes.OK;
        } catch (IllegalArgumentException | IllegalStateException e) {
            terminal.complain("factory.failed", e.getMessage());
            return ExitCodes.REFUSED;
        } finally {
            Arrays.fill(password, '\0');
            if (caPassword != null) {
                Arrays.fill(caPassword, '\0');
            }
            if (masterKey != null) {
                Arrays.fill(masterKey, (byte) 0);
            }
        }
    }

    private char[] secret(String variable, String prompt) {
        String fromEnvironment = app.environment().get(variable);
        return fromEnvironment != null ? fromEnvironment.toCharArray() : app.terminal().askSecret(prompt);
    }
}
