package hu.tokenplatform.unlock.epin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2idTest {

    private static final byte[] PEPPER = "pepper-of-at-least-32-bytes-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] E_PIN = "730519".getBytes(StandardCharsets.US_ASCII);
    private static final Argon2id.Parameters CHEAP = new Argon2id.Parameters(64, 1, 1);
    private final SecureRandom random = new SecureRandom();
    private final Argon2id argon2 = new Argon2id(PEPPER);

    @Test
    void hashCarriesItsParametersAndMatchesOnlyTheRightEPin() {
        String hash = argon2.hash(E_PIN, CHEAP, random);

        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertEquals(CHEAP, Argon2id.parametersOf(hash));
        assertTrue(argon2.matches(E_PIN, hash));
        assertFalse(argon2.matches("730518".getBytes(StandardCharsets.US_ASCII), hash));
    }

    @Test
    void withoutThePepperAHashCannotBeChecked() {
        String hash = argon2.hash(E_PIN, CHEAP, random);
        byte[] otherPepper = "another-pepper-of-at-least-32-bytes-0123".getBytes(StandardCharsets.UTF_8);

        assertFalse(new Argon2id(otherPepper).matches(E_PIN, hash));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(argon2.hash(E_PIN, CHEAP, random), argon2.hash(E_PIN, CHEAP, random));
    }

    @Test
    void hashesMadeWithEarlierParametersStillMatch() {
        String old = argon2.hash(E_PIN, CHEAP, random);
        String raised = argon2.hash(E_PIN, new Argon2id.Parameters(128, 2, 1), random);

        assertTrue(argon2.matches(E_PIN, old));
        assertTrue(argon2.matches(E_PIN, raised));
    }

    @Test
    void shortPepperAndMalformedHashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2id(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> argon2.matches(E_PIN, "$2a$10$notargon2"));
        assertThrows(IllegalArgumentException.class, () -> argon2.matches(E_PIN, null));
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Parameters(7, 1, 1));
    }
}
