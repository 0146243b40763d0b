package hu.tokenplatform.tokencrypto.unlock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasterUnlockKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void createdKeyLoadsBackAndDiversifiesLikeTheBank() {
        Path file = dir.resolve("master.p12");
        MasterUnlockKeyStore.create(file, "pw".toCharArray(), new SecureRandom());

        byte[] key = MasterUnlockKeyStore.load(file, "pw".toCharArray());

        assertEquals(UnlockCodes.KEY_BYTES, key.length);
        byte[] tokenKey = UnlockCodes.diversifyTokenKey(key, "0A1B2C3D");
        assertEquals(UnlockCodes.code(tokenKey, "0A1B2C3D", "1234567890"),
                UnlockCodes.code(UnlockCodes.diversifyTokenKey(MasterUnlockKeyStore.load(file, "pw".toCharArray()), "0A1B2C3D"),
                        "0A1B2C3D", "1234567890"));
    }

    @Test
    void keystoreIsOwnerOnlyAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("master.p12");
        MasterUnlockKeyStore.create(file, "pw".toCharArray(), new SecureRandom());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertThrows(IllegalStateException.class, () -> MasterUnlockKeyStore.create(file, "pw".toCharArray(), new SecureRandom()));
    }

    @Test
    void wrongPasswordIsRefused() {
        Path file = dir.resolve("master.p12");
        MasterUnlockKeyStore.create(file, "pw".toCharArray(), new SecureRandom());

        assertThrows(IllegalStateException.class, () -> MasterUnlockKeyStore.load(file, "other".toCharArray()));
    }
}
