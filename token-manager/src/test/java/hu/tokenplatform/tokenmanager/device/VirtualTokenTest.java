package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationVerifier;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.pin.PinRule;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static hu.tokenplatform.tokenmanager.TestTokens.CSN;
import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualTokenTest {

    private static final String NEW_PIN = "9xY#kp2Q";
    private static final String WRONG = "Wr0ng!pin";

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private VirtualToken token;

    @AfterEach
    void close() {
        if (token != null) {
            token.close();
        }
    }

    private String bankCode(String csn, String random) {
        return UnlockCodes.code(UnlockCodes.diversifyTokenKey(TestTokens.MASTER_UNLOCK_KEY, csn), csn, random);
    }

    @Test
    void fiveWrongPinsLockTheToken() {
        token = TestTokens.handedOver(dir, pki);
        for (int triesLeft = 4; triesLeft >= 1; triesLeft--) {
            WrongPinException wrong = assertThrows(WrongPinException.class, () -> token.login(WRONG.toCharArray()));
            assertEquals(triesLeft, wrong.triesLeft());
            assertEquals(triesLeft, token.status().pinTriesLeft());
        }
        assertThrows(TokenLockedException.class, () -> token.login(WRONG.toCharArray()));

        assertEquals(DeviceState.LOCKED, token.status().state());
        assertTrue(token.status().unlockRandom().orElseThrow().matches("[0-9]{10}"));
        assertThrows(TokenLockedException.class, () -> token.login(PIN.toCharArray()), "even the right PIN");
    }

    @Test
    void fourWrongPinsThenTheRightOneResetTheCounter() {
        token = TestTokens.handedOver(dir, pki);
        for (int i = 0; i < 4; i++) {
            assertThrows(WrongPinException.class, () -> token.login(WRONG.toCharArray()));
        }
        token.login(PIN.toCharArray()).close();

        assertEquals(DeviceState.READY, token.status().state());
        assertEquals(DeviceStatus.MAX_PIN_TRIES, token.status().pinTriesLeft());
    }

    @Test
    void lockedTokenCannotSignEvenInAnOpenSession() {
        token = TestTokens.handedOver(dir, pki);
        TokenSession session = token.login(PIN.toCharArray());
        session.sign(KeySlot.SIGNING, new byte[]{1});

        TestTokens.lockWithWrongPins(token);

        assertThrows(TokenLockedException.class, () -> session.sign(KeySlot.SIGNING, new byte[]{1}));
    }

    @Test
    void bankCodeUnlocksOnceThenANewPinIsRequired() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);
        String random = token.status().unlockRandom().orElseThrow();
        String code = bankCode(CSN, random);

        assertTrue(token.submitUnlockCode(UnlockCodes.forDictation(code)));
        assertEquals(DeviceState.AWAITING_NEW_PIN, token.status().state());
        assertThrows(TokenStateException.class, () -> token.login(PIN.toCharArray()), "no key use before the new PIN");
        assertThrows(TokenStateException.class, () -> token.submitUnlockCode(code), "a Code works once");

        token.setPinAfterUnlock(NEW_PIN.toCharArray());
        assertEquals(DeviceState.READY, token.status().state());
        assertEquals(DeviceStatus.MAX_PIN_TRIES, token.status().pinTriesLeft());
        token.login(NEW_PIN.toCharArray()).close();
    }

    @Test
    void codeForAnotherRandomOrCsnDoesNotUnlock() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);
        String random = token.status().unlockRandom().orElseThrow();
        String otherRandom = random.equals("0000000000") ? "0000000001" : "0000000000";

        assertFalse(token.submitUnlockCode(bankCode(CSN, otherRandom)));
        assertFalse(token.submitUnlockCode(bankCode("0A1B2C3D4E60", random)));
        assertEquals(DeviceState.LOCKED, token.status().state());
    }

    @Test
    void threeWrongCodesDrawANewRandom() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);
        String random = token.status().unlockRandom().orElseThrow();
        String oldCode = bankCode(CSN, random);

        for (int i = 0; i < DeviceStatus.MAX_CODE_TRIES; i++) {
            assertFalse(token.submitUnlockCode("00000000".equals(oldCode) ? "11111111" : "00000000"));
        }

        String newRandom = token.status().unlockRandom().orElseThrow();
        assertNotEquals(random, newRandom);
        assertFalse(token.submitUnlockCode(oldCode), "the old Code is useless");
        assertTrue(token.submitUnlockCode(bankCode(CSN, newRandom)));
    }

    @Test
    void tenWrongCodesSinceTheLockBlockTheTokenForGood() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);

        for (int i = 0; i < DeviceStatus.MAX_CODES_PER_LOCK; i++) {
            String random = token.status().unlockRandom().orElseThrow();
            assertFalse(token.submitUnlockCode(wrongCodeFor(random)));
        }

        assertEquals(DeviceState.BLOCKED, token.status().state());
        assertTrue(token.status().unlockRandom().isEmpty(), "no Random to read out any more");
        assertThrows(TokenStateException.class, () -> token.submitUnlockCode("00000000"));
        assertThrows(TokenStateException.class, () -> token.login(PIN.toCharArray()));
        token.close();
        token = VirtualToken.open(dir);
        assertEquals(DeviceState.BLOCKED, token.status().state(), "a restart does not give the guesses back");
    }

    @Test
    void theRightCodeBeforeTheCapUnlocksAndStartsTheCountAgain() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);
        for (int i = 0; i < DeviceStatus.MAX_CODES_PER_LOCK - 1; i++) {
            assertFalse(token.submitUnlockCode(wrongCodeFor(token.status().unlockRandom().orElseThrow())));
        }

        assertTrue(token.submitUnlockCode(bankCode(CSN, token.status().unlockRandom().orElseThrow())));
        token.setPinAfterUnlock(NEW_PIN.toCharArray());
        TestTokens.lockWithWrongPins(token);
        for (int i = 0; i < DeviceStatus.MAX_CODES_PER_LOCK - 1; i++) {
            assertFalse(token.submitUnlockCode(wrongCodeFor(token.status().unlockRandom().orElseThrow())));
        }
        assertEquals(DeviceState.LOCKED, token.status().state(), "the earlier lock's wrong Codes do not count");
    }

    private String wrongCodeFor(String random) {
        return "00000000".equals(bankCode(CSN, random)) ? "11111111" : "00000000";
    }

    @Test
    void loginAttemptWhileLockedVoidsTheRandom() {
        token = TestTokens.handedOver(dir, pki);
        TestTokens.lockWithWrongPins(token);
        String random = token.status().unlockRandom().orElseThrow();

        assertThrows(TokenLockedException.class, () -> token.login(PIN.toCharArray()));

        assertNotEquals(random, token.status().unlockRandom().orElseThrow());
        assertFalse(token.submitUnlockCode(bankCode(CSN, random)));
    }

    @Test
    void pinChangeNeedsTheOldPinAndANewOne() {
        token = TestTokens.handedOver(dir, pki);

        assertThrows(WrongPinException.class, () -> token.changePin(WRONG.toCharArray(), NEW_PIN.toCharArray()));
        assertEquals(4, token.status().pinTriesLeft(), "a wrong old PIN costs a try");
        PinPolicyException same = assertThrows(PinPolicyException.class, () -> token.changePin(PIN.toCharArray(), PIN.toCharArray()));
        assertEquals(List.of(PinRule.NOT_RECENTLY_USED), same.evaluation().unmet());
        assertThrows(PinPolicyException.class, () -> token.changePin(PIN.toCharArray(), "123456".toCharArray()));

        token.changePin(PIN.toCharArray(), NEW_PIN.toCharArray());
        token.login(NEW_PIN.toCharArray()).close();
        assertThrows(WrongPinException.class, () -> token.login(PIN.toCharArray()));
    }

    @Test
    void lastThreePinsCannotBeReused() {
        token = TestTokens.handedOver(dir, pki);
        String[] pins = {PIN, "9xY#kp2Q", "Hz7!mwq4", "Rq5$vnt8", "Lp3%xcz9"};
        for (int i = 1; i < pins.length; i++) {
            token.changePin(pins[i - 1].toCharArray(), pins[i].toCharArray());
        }
        for (int i = 1; i < 4; i++) {
            assertFalse(token.checkNewPin(pins[pins.length - 1 - i].toCharArray()).acceptable(), pins[pins.length - 1 - i]);
        }
        assertTrue(token.checkNewPin(pins[0].toCharArray()).acceptable(), "older than the last three");
    }

    @Test
    void firstPinOnlyOnAFactoryTokenAndOnlyAGoodOne() {
        token = TestTokens.factoryNew(dir);
        PinPolicyException weak = assertThrows(PinPolicyException.class, () -> token.setInitialPin("1234".toCharArray()));
        assertTrue(weak.evaluation().unmet().contains(PinRule.LENGTH));
        assertEquals(DeviceState.FACTORY, token.status().state());

        token.setInitialPin(PIN.toCharArray());
        assertThrows(TokenStateException.class, () -> token.setInitialPin(NEW_PIN.toCharArray()));
    }

    @Test
    void branchPersonalisesOnlyBeforeTheFirstPinAndNothingIsSignedWithoutOne() {
        token = TestTokens.personalised(dir, pki);
        assertEquals(Set.of(KeySlot.LOGIN, KeySlot.SIGNING), token.status().certificateSlots());
        assertThrows(TokenStateException.class, () -> token.login(PIN.toCharArray()), "no PIN yet, no key use");

        TokenEnrolment branch = token.personalise();
        token.setInitialPin(PIN.toCharArray());

        assertThrows(TokenStateException.class, token::personalise);
        assertThrows(TokenStateException.class, () -> branch.generateKeyPair(KeySlot.LOGIN, CSN),
                "a personalisation handle kept from before dies with the first PIN");
        assertTrue(token.certificate(KeySlot.LOGIN).isPresent(), "certificates written at the branch stay");
    }

    @Test
    void stateSurvivesReopeningIncludingTheTriesCounter() {
        token = TestTokens.handedOver(dir, pki);
        assertThrows(WrongPinException.class, () -> token.login(WRONG.toCharArray()));
        assertThrows(WrongPinException.class, () -> token.login(WRONG.toCharArray()));
        token.close();

        token = VirtualToken.open(dir);

        assertEquals(3, token.status().pinTriesLeft());
        assertEquals(CSN, token.status().csn());
        assertTrue(token.certificate(KeySlot.LOGIN).isPresent());
        token.login(PIN.toCharArray()).close();
    }

    @Test
    void aSecondProgramCannotOpenTheTokenAtTheSameTime() {
        token = TestTokens.factoryNew(dir);
        assertThrows(TokenDeviceException.class, () -> VirtualToken.open(dir));
    }

    @Test
    void crashMidWriteLeavesTheLastGoodState() throws Exception {
        token = TestTokens.handedOver(dir, pki);
        assertThrows(WrongPinException.class, () -> token.login(WRONG.toCharArray()));
        token.close();
        Files.write(dir.resolve("token.state1234.tmp"), new byte[]{1, 2, 3});

        token = VirtualToken.open(dir);

        assertEquals(4, token.status().pinTriesLeft());
        assertFalse(Files.exists(dir.resolve("token.state1234.tmp")));
    }

    @Test
    void damagedMemoryIsRefusedNeverReset() throws Exception {
        token = TestTokens.handedOver(dir, pki);
        token.close();
        token = null;
        Path state = dir.resolve("token.state");
        byte[] bytes = Files.readAllBytes(state);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(state, bytes);

        assertThrows(TokenDeviceException.class, () -> VirtualToken.open(dir));
        Files.write(state, new byte[5]);
        assertThrows(TokenDeviceException.class, () -> VirtualToken.open(dir));
    }

    @Test
    void anotherDeviceKeyCannotReadTheMemory() throws Exception {
        token = TestTokens.handedOver(dir, pki);
        token.close();
        token = null;
        Files.write(dir.resolve("device.key"), new byte[32]);

        assertThrows(TokenDeviceException.class, () -> VirtualToken.open(dir));
    }

    @Test
    void memoryHoldsNoSecretInClear() throws Exception {
        Path other = dir.resolve("t");
        token = TestTokens.handedOver(other, pki);
        byte[] raw = Files.readAllBytes(other.resolve("token.state"));
        String asText = new String(raw, StandardCharsets.ISO_8859_1);

        assertFalse(asText.contains(PIN));
        assertFalse(asText.contains(CSN), "even the CSN is inside the ciphertext");
        String unlockKey = HexFormat.of().formatHex(UnlockCodes.diversifyTokenKey(TestTokens.MASTER_UNLOCK_KEY, CSN));
        assertFalse(HexFormat.of().formatHex(raw).contains(unlockKey.substring(0, 16)));
        assertFalse(asText.contains("BEGIN"), "no PEM or PKCS#8 in clear");
    }

    @Test
    void csrIsSelfSignedEcP256AndCertificatesMustMatchTheKey() throws Exception {
        token = TestTokens.handedOver(dir, pki);
        try (TokenSession session = token.login(PIN.toCharArray())) {
            String csrPem = session.generateKeyPair(KeySlot.LOGIN, CSN).csrPem();
            PKCS10CertificationRequest csr;
            try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
                csr = (PKCS10CertificationRequest) parser.readObject();
            }
            assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(VirtualToken.BC).build(csr.getSubjectPublicKeyInfo())));
            assertEquals("1.2.840.10045.3.1.7", csr.getSubjectPublicKeyInfo().getAlgorithm().getParameters().toString());
            assertTrue(token.certificate(KeySlot.LOGIN).isEmpty(), "new key, old certificate dropped");

            var forSigningKey = token.certificate(KeySlot.SIGNING).orElseThrow();
            assertThrows(TokenDeviceException.class, () -> session.writeCertificate(KeySlot.LOGIN, forSigningKey));
            session.writeCertificate(KeySlot.LOGIN, pki.certifyLogin(csrPem));

            byte[] signature = session.sign(KeySlot.LOGIN, "challenge".getBytes(StandardCharsets.US_ASCII));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(token.certificate(KeySlot.LOGIN).orElseThrow());
            verifier.update("challenge".getBytes(StandardCharsets.US_ASCII));
            assertTrue(verifier.verify(signature));
        }
    }

    @Test
    void everyKeyTheTokenGeneratesComesWithItsAttestationAtTheBranchAndUnderThePin() throws Exception {
        token = TestTokens.factoryNew(dir);
        KeyAttestationVerifier registry = new KeyAttestationVerifier(List.of(TestTokens.FACTORY_CA.certificate()), Clock.systemUTC());

        GeneratedKey login = token.personalise().generateKeyPair(KeySlot.LOGIN, CSN);
        GeneratedKey signing = token.personalise().generateKeyPair(KeySlot.SIGNING, CSN);

        registry.verify(login.attestation(), CSN, KeyPurpose.LOGIN, csrKey(login.csrPem()));
        registry.verify(signing.attestation(), CSN, KeyPurpose.SIGNING, csrKey(signing.csrPem()));
        assertEquals(KeyAttestationException.Reason.PURPOSE_MISMATCH, assertThrows(KeyAttestationException.class,
                () -> registry.verify(login.attestation(), CSN, KeyPurpose.SIGNING, csrKey(login.csrPem()))).reason());
        assertEquals(KeyAttestationException.Reason.KEY_MISMATCH, assertThrows(KeyAttestationException.class,
                () -> registry.verify(login.attestation(), CSN, KeyPurpose.LOGIN, csrKey(signing.csrPem()))).reason());

        token.personalise().writeCertificate(KeySlot.LOGIN, pki.certifyLogin(login.csrPem()));
        token.setInitialPin(PIN.toCharArray());
        try (TokenSession session = token.login(PIN.toCharArray())) {
            GeneratedKey renewed = session.generateKeyPair(KeySlot.LOGIN, CSN);
            registry.verify(renewed.attestation(), CSN, KeyPurpose.LOGIN, csrKey(renewed.csrPem()));
        }
    }

    @Test
    void theDeviceAttestationKeyStaysOnTheTokenWithItsCertificate() {
        token = TestTokens.factoryNew(dir);
        var certificate = token.attestationCertificate().orElseThrow();
        token.close();

        token = VirtualToken.open(dir);

        assertEquals(certificate, token.attestationCertificate().orElseThrow());
        assertEquals(Set.of(), token.status().keySlots(), "the device key is no LOGIN or SIGNING key: nothing can use it to sign");
    }

    @Test
    void aTokenFromAnOlderFactoryGeneratesNoKeyItCannotAttest() {
        OlderFactoryTokens.provision(dir, CSN, TestTokens.MASTER_UNLOCK_KEY, TestTokens.TEST_PIN_ITERATIONS);
        token = VirtualToken.open(dir);

        assertTrue(token.attestationCertificate().isEmpty());
        assertThrows(NoAttestationKeyException.class, () -> token.personalise().generateKeyPair(KeySlot.LOGIN, CSN));
        assertEquals(Set.of(), token.status().keySlots(), "refused before anything changed");
    }

    private static PublicKey csrKey(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).getPublicKey();
        }
    }
}
