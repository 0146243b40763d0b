package hu.tokenplatform.tokenmanager;

import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenFactory;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import hu.tokenplatform.tokenmanager.device.WrongPinException;

import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Virtual tokens in the states tests need, provisioned as the token factory and the branch would. */
public final class TestTokens {

    public static final byte[] MASTER_UNLOCK_KEY = new byte[32];
    public static final String CSN = "0A1B2C3D4E5F";
    public static final String PIN = "Tok3n!pw";
    public static final String WRONG_PIN = "Wr0ng!pin";
    /** Few PBKDF2 rounds: tests check behaviour, not hashing cost. */
    public static final int TEST_PIN_ITERATIONS = 1_000;
    /** The token-factory CA that certifies the test tokens' device attestation keys. */
    public static final TokenFactoryCa FACTORY_CA = TokenFactoryCa.create("Test Bank", Clock.systemUTC());

    static {
        for (int i = 0; i < MASTER_UNLOCK_KEY.length; i++) {
            MASTER_UNLOCK_KEY[i] = (byte) (0xA0 + i);
        }
    }

    private TestTokens() {
    }

    public static VirtualToken factoryNew(Path dir) {
        TokenFactory.provision(dir, CSN, MASTER_UNLOCK_KEY, TEST_PIN_ITERATIONS, FACTORY_CA);
        return VirtualToken.open(dir);
    }

    /** Personalised at the branch: login and signing keys generated on the token and certified by {@code pki}. */
    public static VirtualToken personalised(Path dir, TestPki pki) {
        VirtualToken token = factoryNew(dir);
        TokenEnrolment branch = token.personalise();
        branch.writeCertificate(KeySlot.LOGIN, pki.certifyLogin(branch.generateKeyPair(KeySlot.LOGIN, CSN).csrPem()));
        branch.writeCertificate(KeySlot.SIGNING, pki.certifySigning(branch.generateKeyPair(KeySlot.SIGNING, CSN).csrPem()));
        return token;
    }

    /** Four wrong PINs answered with the tries left, the fifth locks the token; returns the Random it then shows. */
    public static String lockWithWrongPins(TokenDevice token) {
        for (int triesLeft = DeviceStatus.MAX_PIN_TRIES - 1; triesLeft >= 1; triesLeft--) {
            int expected = triesLeft;
            WrongPinException wrong = assertThrows(WrongPinException.class, () -> token.login(WRONG_PIN.toCharArray()));
            assertEquals(expected, wrong.triesLeft());
        }
        assertThrows(TokenLockedException.class, () -> token.login(WRONG_PIN.toCharArray()));
        return token.status().unlockRandom().orElseThrow();
    }

    /** Personalised, and the user has set {@link #PIN} at first use. */
    public static VirtualToken handedOver(Path dir, TestPki pki) {
        VirtualToken token = personalised(dir, pki);
        token.setInitialPin(PIN.toCharArray());
        return token;
    }
}
