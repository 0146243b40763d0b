package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.pin.PinPolicy;
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

    /** @param pinHashIterations fewer rounds only for tests and demos */
    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations) {
        provision(dir, csn, masterUnlockKey, pinHashIterations, PinPolicy.defaults());
    }

    /** @param pinPolicy the PIN rules the token will enforce for its whole life */
    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations, PinPolicy pinPolicy) {
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
            memory.pinPolicy = pinPolicy;
            new EncryptedStateFile(dir, csn, random).write(memory.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the token cannot be provisioned in " + dir, e);
        }
    }
}
