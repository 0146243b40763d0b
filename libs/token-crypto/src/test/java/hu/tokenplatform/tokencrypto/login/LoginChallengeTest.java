package hu.tokenplatform.tokencrypto.login;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginChallengeTest {

    private static final byte[] CHALLENGE = new byte[32];

    @Test
    void signedMessageBindsTransactionClientOriginAndChallenge() {
        byte[] tbs = LoginChallenge.toBeSigned("tx-0123456789abcdef", "electra", "https://electra.bank.hu", CHALLENGE);

        byte[] prefix = "TP-LOGIN-V1\0tx-0123456789abcdef\0electra\0https://electra.bank.hu\0".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(prefix, Arrays.copyOf(tbs, prefix.length));
        assertFalse(Arrays.equals(tbs, LoginChallenge.toBeSigned("tx-0123456789abcdef", "e-posta", "https://electra.bank.hu", CHALLENGE)));
        assertFalse(Arrays.equals(tbs, LoginChallenge.toBeSigned("tx-0123456789abcdef", "electra", "https://evil.example", CHALLENGE)));
    }

    @Test
    void malformedPartsAreNeverSigned() {
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.toBeSigned("short", "electra", "https://a.hu", CHALLENGE));
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.toBeSigned("tx-0123456789abcdef", "Electra\0", "https://a.hu", CHALLENGE));
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.toBeSigned("tx-0123456789abcdef", "electra", "https://a.hu/path", CHALLENGE));
        assertThrows(IllegalArgumentException.class, () -> LoginChallenge.toBeSigned("tx-0123456789abcdef", "electra", "https://a.hu", new byte[16]));
    }
}
