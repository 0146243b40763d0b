package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The token factory: writes a new token with its CSN and its unlock key, diversified from the bank's master
 * unlock key. The master key is used here and in unlock-service only; the token holds just its own key.
 */
public final class TokenFactory {

    /** PBKDF2 rounds for PIN verifiers on a real installation. */
    public static final int PIN_HASH_ITERATIONS = 100_000;

    private TokenFactory() {
    }

    public static void provision(Path dir, String csn, byte[] masterUnlockKey) {
        provision(dir, csn, masterUnlockKey, PIN_HASH_ITERATIONS);
    }

    /** @param pinHashIterations fewer rounds only for tests and demos */
    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations) {
        byte[] tokenKey = UnlockCodes.diversifyTokenKey(masterUnlockKey, csn);
        try {
            Files.createDirectories(dir);
            if (Files.exists(dir.resolve(EncryptedStateFile.STATE)) || Files.exists(dir.resolve(EncryptedStateFile.KEY))) {
                throw new TokenDeviceException("a token already exists in " + dir);
            }
            SecureRandom random = new SecureRandom();
            EncryptedStateFile.createKey(dir, random);
            Files.writeString(dir.resolve("token.csn"), csn + "\n");
            TokenMemory memory = new TokenMemory();
            memory.csn = csn;
            memory.state = DeviceState.FACTORY;
            memory.pinTriesLeft = DeviceStatus.MAX_PIN_TRIES;
            memory.pinHashIterations = pinHashIterations;
            memory.unlockKey = tokenKey;
            new EncryptedStateFile(dir, csn, random).write(memory.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the token cannot be provisioned in " + dir, e);
        }
    }
}
