package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Tokens as the factory made them before key attestation: everything but a device attestation key. */
public final class OlderFactoryTokens {

    private OlderFactoryTokens() {
    }

    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations) {
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            EncryptedStateFile.createKey(dir, random);
            Files.writeString(dir.resolve("token.csn"), csn + "\n");
            TokenMemory memory = new TokenMemory();
            memory.csn = csn;
            memory.state = DeviceState.FACTORY;
            memory.pinTriesLeft = DeviceStatus.MAX_PIN_TRIES;
            memory.pinHashIterations = pinHashIterations;
            memory.unlockKey = UnlockCodes.diversifyTokenKey(masterUnlockKey, csn);
            new EncryptedStateFile(dir, csn, random).write(memory.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
