package hu.tokenplatform.unlock.code;

import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenFactory;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import hu.tokenplatform.tokenmanager.device.WrongPinException;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Staff;
import hu.tokenplatform.unlock.config.UnlockConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole unlock from the seed letter: a token from the factory (provisioned from the same master key file this
 * service reads), locked by five wrong PINs, shows CSN and Random; the helpdesk verifies the caller and reads back
 * the Code this service computes; the token accepts it. A Code for another Random or another CSN does not open it.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class VirtualTokenUnlockTest {

    private static final String PIN = "Tok3n!pw";
    private static final String WRONG_PIN = "Wr0ng!pin";
    private static final String NEW_PIN = "9xY#kp2Q";

    @Inject
    UnlockConfig config;

    @TempDir
    Path tokens;

    @Test
    void codeFromTheHelpdeskUnlocksTheCallersTokenAndNoOther() {
        Caller caller = Callers.withToken();
        Caller other = Callers.withToken();
        byte[] masterKey = MasterUnlockKeyStore.load(config.masterKey().keystorePath(),
                config.masterKey().keystorePassword().toCharArray());
        TokenFactory.provision(tokens.resolve("caller"), caller.csn(), masterKey, 1_000,
                TokenFactoryCa.create("Test Bank", Clock.systemUTC()));

        try (VirtualToken token = VirtualToken.open(tokens.resolve("caller"))) {
            token.personalise().generateKeyPair(KeySlot.LOGIN, caller.csn());
            token.setInitialPin(PIN.toCharArray());
            for (int i = 0; i < 4; i++) {
                assertThrows(WrongPinException.class, () -> token.login(WRONG_PIN.toCharArray()));
            }
            assertThrows(TokenLockedException.class, () -> token.login(WRONG_PIN.toCharArray()));
            assertEquals(DeviceState.LOCKED, token.status().state());
            String random = token.status().unlockRandom().orElseThrow();
            String otherRandom = random.equals("0000000000") ? "0000000001" : "0000000000";

            Staff.newHelpdeskAgent();
            String callerVerification = Callers.verified(caller);
            String codeForOtherRandom = Callers.requestCode(callerVerification, caller.csn(), otherRandom)
                    .statusCode(200).extract().path("code");
            String code = Callers.requestCode(callerVerification, caller.csn(), random)
                    .statusCode(200).extract().path("code");
            String otherVerification = Callers.verified(other);
            String codeForOtherCsn = Callers.requestCode(otherVerification, other.csn(), random)
                    .statusCode(200).extract().path("code");
            assertNotEquals(code, codeForOtherRandom);
            assertNotEquals(code, codeForOtherCsn);

            assertFalse(token.submitUnlockCode(codeForOtherRandom), "a Code for another Random");
            assertFalse(token.submitUnlockCode(codeForOtherCsn), "a Code for another CSN");
            assertTrue(token.submitUnlockCode(code), "the Code the helpdesk read back, as dictated");

            token.setPinAfterUnlock(NEW_PIN.toCharArray());
            assertEquals(DeviceState.READY, token.status().state());
            token.login(NEW_PIN.toCharArray()).close();
        }
    }
}
