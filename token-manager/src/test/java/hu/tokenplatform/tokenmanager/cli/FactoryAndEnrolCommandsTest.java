package hu.tokenplatform.tokenmanager.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationVerifier;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.attestation.Pem;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.OlderFactoryTokens;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static hu.tokenplatform.tokenmanager.cli.CliRun.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token factory and the branch's hand-over steps, as the bank's staff run them. */
class FactoryAndEnrolCommandsTest {

    private static final String CSN = "00C0FFEE0042";
    private static final String PASSWORD = "factory-keystore-secret";

    @TempDir
    Path home;

    private static final String CA_PASSWORD = "factory-ca-secret";

    private Path tokenDir;
    private Path keystore;
    private Path factoryCaKeystore;
    private TokenFactoryCa factoryCa;
    private CliRun cli;

    @BeforeEach
    void setUp() {
        tokenDir = home.resolve("token");
        keystore = home.resolve("master.p12");
        MasterUnlockKeyStore.create(keystore, PASSWORD.toCharArray(), new SecureRandom());
        factoryCaKeystore = home.resolve("factory-ca.p12");
        factoryCa = TokenFactoryCa.create("Test Bank", Clock.systemUTC());
        factoryCa.store(factoryCaKeystore, CA_PASSWORD.toCharArray());
        cli = new CliRun(home, tokenDir).environment("TOKEN_FACTORY_KEYSTORE_PASSWORD", PASSWORD)
                .environment("TOKEN_FACTORY_CA_PASSWORD", CA_PASSWORD);
    }

    /** {@code factory --csn CSN --master-keystore ... --attestation-ca ...} followed by {@code more}. */
    private String[] factory(String csn, String... more) {
        List<String> args = new ArrayList<>(List.of("factory", "--csn", csn, "--master-keystore", keystore.toString(),
                "--attestation-ca", factoryCaKeystore.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return Files.writeString(file, text.toString());
    }

    private static PublicKey csrKey(Path pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pem)))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).getPublicKey();
        }
    }

    @Test
    void factoryWritesTheUnlockKeyTheBankCanComputeCodesFor() {
        CliRun.Result result = cli.run("", factory(CSN));

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
    void factoryGivesTheTokenADeviceAttestationKeyCertifiedByTheFactoryCa() throws Exception {
        assertEquals(ExitCodes.OK, cli.run("", factory(CSN)).exit());

        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            X509Certificate device = token.attestationCertificate().orElseThrow();
            device.verify(factoryCa.certificate().getPublicKey());
            assertEquals(CSN, X500Name.getInstance(device.getSubjectX500Principal().getEncoded())
                    .getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue().toString());
            assertEquals(List.of(KeyAttestation.DEVICE_ATTESTATION_KEY_PURPOSE), device.getExtendedKeyUsage());
        }
        assertFalse(Files.readString(tokenDir.resolve("token.state"), StandardCharsets.ISO_8859_1).contains("PRIVATE"),
                "the device key is sealed with the token's other secrets");
    }

    @Test
    void factoryNeedsTheFactoryCa() {
        CliRun.Result result = cli.run("", "factory", "--csn", CSN, "--master-keystore", keystore.toString());

        assertEquals(ExitCodes.USAGE, result.exit());
        assertTrue(result.err().contains("--attestation-ca"), result.err());
        assertFalse(Files.exists(tokenDir.resolve("token.state")));
    }

    @Test
    void factoryCaCreatesTheKeystoreForTheFactoryAndTheCertificateForTheRegistry() throws Exception {
        Path newKeystore = home.resolve("pki").resolve("new-factory-ca.p12");
        Path certificate = home.resolve("pki").resolve("new-factory-ca.pem");

        CliRun.Result created = cli.run("", "factory-ca", "--keystore", newKeystore.toString(), "--certificate-out",
                certificate.toString(), "--bank-name", "Példa Bank");

        assertEquals(ExitCodes.OK, created.exit(), created.screen());
        TokenFactoryCa loaded = TokenFactoryCa.load(newKeystore, CA_PASSWORD.toCharArray());
        assertEquals(loaded.certificate(), Pem.readCertificate(Files.readString(certificate)));
        assertTrue(loaded.certificate().getSubjectX500Principal().getName().contains("CN=Példa Bank Token Factory CA"));
        byte[] keystoreBytes = Files.readAllBytes(newKeystore);
        CliRun.Result again = cli.run("", "factory-ca", "--keystore", newKeystore.toString(), "--certificate-out",
                home.resolve("other.pem").toString());
        assertEquals(ExitCodes.REFUSED, again.exit());
        assertTrue(again.err().contains("never overwritten"), again.err());
        assertArrayEquals(keystoreBytes, Files.readAllBytes(newKeystore));
    }

    @Test
    void factoryCaAsksThePasswordTwiceAndRefusesAShortOrMistypedOne() {
        CliRun typing = new CliRun(home, tokenDir);
        Path ca = home.resolve("typed.p12");
        Path pem = home.resolve("typed.pem");

        assertEquals(ExitCodes.REFUSED, typing.run(lines("short"), "factory-ca", "--keystore", ca.toString(),
                "--certificate-out", pem.toString()).exit());
        CliRun.Result mistyped = typing.run(lines("long-enough-secret", "long-enough-secreT"), "factory-ca",
                "--keystore", ca.toString(), "--certificate-out", pem.toString());
        assertEquals(ExitCodes.REFUSED, mistyped.exit());
        assertTrue(mistyped.err().contains("The two passwords differ"), mistyped.err());
        assertFalse(Files.exists(ca));
        assertFalse(Files.exists(pem));

        CliRun.Result typed = typing.run(lines("long-enough-secret", "long-enough-secret"), "factory-ca",
                "--keystore", ca.toString(), "--certificate-out", pem.toString());
        assertEquals(ExitCodes.OK, typed.exit(), typed.screen());
        TokenFactoryCa.load(ca, "long-enough-secret".toCharArray());
    }

    @Test
    void aTokenFromAnOlderFactoryWithoutAttestationKeyIsRefusedBeforeAnyKeyChanges() throws IOException {
        OlderFactoryTokens.provision(tokenDir, CSN, TestTokens.MASTER_UNLOCK_KEY, TestTokens.TEST_PIN_ITERATIONS);
        Path requests = home.resolve("requests");

        CliRun.Result english = cli.run("", "enrol", "generate-keys", "--out", requests.toString(), "--signing");
        CliRun.Result hungarian = cli.run("", "--lang", "hu", "enrol", "generate-keys", "--out", requests.toString());

        assertEquals(ExitCodes.REFUSED, english.exit());
        assertTrue(english.err().contains("older token factory and has no device attestation key"), english.err());
        assertTrue(hungarian.err().contains("nincs eszköztanúsító kulcsa"), hungarian.err());
        assertFalse(Files.exists(requests.resolve("login-csr.pem")));
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            assertTrue(token.status().keySlots().isEmpty(), "no key was generated");
            assertTrue(token.attestationCertificate().isEmpty());
        }
    }

    @Test
    void factoryRefusesAWrongKeystorePasswordABadCsnAndAnExistingToken() {
        CliRun wrongPassword = new CliRun(home, tokenDir).environment("TOKEN_FACTORY_KEYSTORE_PASSWORD", "guess")
                .environment("TOKEN_FACTORY_CA_PASSWORD", CA_PASSWORD);
        assertEquals(ExitCodes.REFUSED, wrongPassword.run("", factory(CSN)).exit());
        CliRun wrongCaPassword = new CliRun(home, tokenDir).environment("TOKEN_FACTORY_KEYSTORE_PASSWORD", PASSWORD)
                .environment("TOKEN_FACTORY_CA_PASSWORD", "guess");
        assertEquals(ExitCodes.REFUSED, wrongCaPassword.run("", factory(CSN)).exit());
        assertEquals(ExitCodes.REFUSED, cli.run("", factory("xyz")).exit());
        assertFalse(Files.exists(tokenDir.resolve("token.state")));

        assertEquals(ExitCodes.OK, cli.run("", factory(CSN)).exit());
        CliRun.Result again = cli.run("", factory(CSN));
        assertEquals(ExitCodes.REFUSED, again.exit(), "a token is never overwritten");
    }

    @Test
    void factoryPinRulesAreEnforcedByTheTokenAndShownToTheUser() {
        assertEquals(ExitCodes.OK, cli.run("", factory(CSN, "--pin-min-length", "10", "--pin-min-classes", "4")).exit());

        CliRun.Result result = cli.run(lines("Tok3n!pw", "Tok3n!pw#42", "Tok3n!pw#42"), "set-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("  - 10 to 16 characters"));
        assertTrue(result.out().contains("  [ ] 10 to 16 characters"), "an 8-character PIN breaks the factory's rule");
        assertTrue(result.out().contains("at least 4 of"));
    }

    @Test
    void impossiblePinRulesAreRefusedByTheFactory() {
        CliRun.Result result = cli.run("", factory(CSN, "--pin-min-length", "20"));

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
        assertTrue(keys.out().contains("Login key attestation signed by the token written to"), keys.out());
        KeyAttestationVerifier registry = new KeyAttestationVerifier(List.of(TestTokens.FACTORY_CA.certificate()), Clock.systemUTC());
        for (KeyPurpose purpose : KeyPurpose.values()) {
            String name = purpose.name().toLowerCase(Locale.ROOT);
            KeyAttestationStatement attestation = new ObjectMapper().readValue(
                    requests.resolve(name + "-attestation.json").toFile(), KeyAttestationStatement.class);
            registry.verify(attestation, TestTokens.CSN, purpose, csrKey(requests.resolve(name + "-csr.pem")));
        }
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
