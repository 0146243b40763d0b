package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import static hu.tokenplatform.tokenmanager.cli.CliRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token factory and the branch's hand-over steps, as the bank's staff run them. */
class FactoryAndEnrolCommandsTest {

    private static final String CSN = "00C0FFEE0042";
    private static final String PASSWORD = "factory-keystore-secret";

    @TempDir
    Path home;

    private Path tokenDir;
    private Path keystore;
    private CliRun cli;

    @BeforeEach
    void setUp() {
        tokenDir = home.resolve("token");
        keystore = home.resolve("master.p12");
        MasterUnlockKeyStore.create(keystore, PASSWORD.toCharArray(), new SecureRandom());
        cli = new CliRun(home, tokenDir).environment("TOKEN_FACTORY_KEYSTORE_PASSWORD", PASSWORD);
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return Files.writeString(file, text.toString());
    }

    @Test
    void factoryWritesTheUnlockKeyTheBankCanComputeCodesFor() {
        CliRun.Result result = cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString());

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        byte[] bankKey = UnlockCodes.diversifyTokenKey(MasterUnlockKeyStore.load(keystore, PASSWORD.toCharArray()), CSN);
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            assertEquals(DeviceState.FACTORY, token.status().state());
            assertEquals(CSN, token.status().csn());
            token.setInitialPin(TestTokens.PIN.toCharArray());
            String random = TestTokens.lockWithWrongPins(token);
            assertTrue(token.submitUnlockCode(UnlockCodes.code(bankKey, CSN, random)));
        }
    }

    @Test
    void factoryRefusesAWrongKeystorePasswordABadCsnAndAnExistingToken() {
        CliRun wrongPassword = new CliRun(home, tokenDir).environment("TOKEN_FACTORY_KEYSTORE_PASSWORD", "guess");
        assertEquals(ExitCodes.REFUSED, wrongPassword.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString()).exit());
        assertEquals(ExitCodes.REFUSED, cli.run("", "factory", "--csn", "xyz", "--master-keystore", keystore.toString()).exit());
        assertFalse(Files.exists(tokenDir.resolve("token.state")));

        assertEquals(ExitCodes.OK, cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString()).exit());
        CliRun.Result again = cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString());
        assertEquals(ExitCodes.REFUSED, again.exit(), "a token is never overwritten");
    }

    @Test
    void factoryPinRulesAreEnforcedByTheTokenAndShownToTheUser() {
        assertEquals(ExitCodes.OK, cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString(),
                "--pin-min-length", "10", "--pin-min-classes", "4").exit());

        CliRun.Result result = cli.run(lines("Tok3n!pw", "Tok3n!pw#42", "Tok3n!pw#42"), "set-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("  - 10 to 16 characters"));
        assertTrue(result.out().contains("  [ ] 10 to 16 characters"), "an 8-character PIN breaks the factory's rule");
        assertTrue(result.out().contains("at least 4 of"));
    }

    @Test
    void impossiblePinRulesAreRefusedByTheFactory() {
        CliRun.Result result = cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString(), "--pin-min-length", "20");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("PIN length bounds"));
        assertFalse(Files.exists(tokenDir.resolve("token.state")));
    }

    @Test
    void branchGeneratesKeysOnTheTokenAndWritesTheIssuedCertificatesBeforeTheFirstPin() throws Exception {
        TestPki bank = new TestPki();
        TestTokens.factoryNew(tokenDir).close();
        Path requests = home.resolve("requests");

        CliRun.Result keys = cli.run("", "enrol", "generate-keys", "--out", requests.toString(), "--signing");
        assertEquals(ExitCodes.OK, keys.exit(), keys.screen());
        X509Certificate login = bank.certifyLogin(Files.readString(requests.resolve("login-csr.pem")));
        X509Certificate signing = bank.certifySigning(Files.readString(requests.resolve("signing-csr.pem")));

        CliRun.Result swapped = cli.run("", "enrol", "write-certificates",
                "--login", pem(home.resolve("s.pem"), signing).toString());
        assertEquals(ExitCodes.REFUSED, swapped.exit(), "a certificate for the other key is refused");

        CliRun.Result written = cli.run("", "enrol", "write-certificates",
                "--login", pem(home.resolve("login.pem"), login).toString(), "--signing", pem(home.resolve("signing.pem"), signing).toString());
        assertEquals(ExitCodes.OK, written.exit(), written.screen());
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            assertEquals(login, token.certificate(KeySlot.LOGIN).orElseThrow());
            assertEquals(signing, token.certificate(KeySlot.SIGNING).orElseThrow());
            token.setInitialPin(TestTokens.PIN.toCharArray());
        }

        CliRun.Result afterPin = cli.run("", "enrol", "generate-keys", "--out", requests.toString());
        assertEquals(ExitCodes.REFUSED, afterPin.exit(), "after the first PIN, keys change only under the user's PIN");
        assertTrue(afterPin.err().contains("The token already has a PIN."));
    }
}
