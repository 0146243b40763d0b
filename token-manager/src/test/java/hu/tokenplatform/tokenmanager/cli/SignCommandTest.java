package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static hu.tokenplatform.tokenmanager.TestTokens.CSN;
import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static hu.tokenplatform.tokenmanager.cli.CliRun.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Document signing with the token's signing key: a detached CMS signature anyone can check against the bank CA. */
class SignCommandTest {

    private static final byte[] DOCUMENT = "Transfer 1 000 000 HUF to HU42 1177 3016 1111 1018 0000 0000".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    private Path tokenDir;
    private Path document;
    private CliRun cli;
    private final TestPki bank = new TestPki();

    @BeforeEach
    void setUp() throws Exception {
        tokenDir = home.resolve("token");
        document = home.resolve("transfer.txt");
        Files.write(document, DOCUMENT);
        cli = new CliRun(home, tokenDir);
    }

    @Test
    void detachedSignatureVerifiesWithTheTokensSigningCertificate() throws Exception {
        X509Certificate signingCertificate;
        try (VirtualToken token = TestTokens.handedOver(tokenDir, bank)) {
            signingCertificate = token.certificate(KeySlot.SIGNING).orElseThrow();
        }

        CliRun.Result result = cli.run(lines(PIN), "sign", document.toString());

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(DOCUMENT),
                Files.readAllBytes(home.resolve("transfer.txt.p7s")));
        assertTrue(signed.isDetachedSignature());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder included = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertArrayEquals(signingCertificate.getEncoded(), included.getEncoded());
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(new BouncyCastleProvider()).build(signingCertificate)));
        assertNotNull(signer.getSignedAttributes().get(CMSAttributes.signingTime), "signing time for the revocation check");
    }

    @Test
    void signatureDoesNotVerifyForAnotherDocument() throws Exception {
        X509Certificate signingCertificate;
        try (VirtualToken token = TestTokens.handedOver(tokenDir, bank)) {
            signingCertificate = token.certificate(KeySlot.SIGNING).orElseThrow();
        }
        cli.run(lines(PIN), "sign", "--pem", document.toString());

        String pem = Files.readString(home.resolve("transfer.txt.p7s.pem"));
        assertTrue(pem.startsWith("-----BEGIN CMS-----"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray("Transfer 9 000 000 HUF".getBytes(StandardCharsets.UTF_8)), der);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertThrows(CMSSignerDigestMismatchException.class,
                () -> signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(new BouncyCastleProvider()).build(signingCertificate)));
    }

    @Test
    void lockedTokenCannotSign() {
        try (VirtualToken token = TestTokens.handedOver(tokenDir, bank)) {
            TestTokens.lockWithWrongPins(token);
        }

        CliRun.Result result = cli.run(lines(PIN), "sign", document.toString());

        assertEquals(ExitCodes.TOKEN_LOCKED, result.exit());
        assertFalse(Files.exists(home.resolve("transfer.txt.p7s")));
        assertFalse(result.out().contains("PIN to sign"), "a locked token is not even asked for a PIN");
    }

    @Test
    void wrongPinSignsNothingAndCostsATry() {
        TestTokens.handedOver(tokenDir, bank).close();

        CliRun.Result result = cli.run(lines("Wr0ng!pin"), "sign", document.toString());

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("Wrong PIN. 4 tries left"));
        assertFalse(Files.exists(home.resolve("transfer.txt.p7s")));
    }

    @Test
    void userWithoutSigningRightHasNoSigningCertificateAndCannotSign() {
        try (VirtualToken token = TestTokens.factoryNew(tokenDir)) {
            TokenEnrolment branch = token.personalise();
            branch.writeCertificate(KeySlot.LOGIN, bank.certifyLogin(branch.generateKeyPair(KeySlot.LOGIN, CSN).csrPem()));
            token.setInitialPin(PIN.toCharArray());
        }

        CliRun.Result result = cli.run(lines(PIN), "sign", document.toString());

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("This token has no signing certificate: signing needs a signing right"));
    }

    @Test
    void anExistingSignatureIsNeverOverwritten() throws Exception {
        TestTokens.handedOver(tokenDir, bank).close();
        Files.writeString(home.resolve("transfer.txt.p7s"), "earlier");

        CliRun.Result result = cli.run(lines(PIN), "sign", document.toString());

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertEquals("earlier", Files.readString(home.resolve("transfer.txt.p7s")));
    }
}
