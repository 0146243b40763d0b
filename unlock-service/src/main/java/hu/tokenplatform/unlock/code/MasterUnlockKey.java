package hu.tokenplatform.unlock.code;

import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.unlock.config.UnlockConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The bank's master unlock key, read once before the service takes requests (or created on a first start where
 * configured: dev and test). It never leaves this class: callers get codes, not keys. An HSM replaces the file
 * in production, behind the same method.
 */
@Startup
@ApplicationScoped
public class MasterUnlockKey {

    private static final Logger LOG = Logger.getLogger(MasterUnlockKey.class);

    private final byte[] key;

    @Inject
    public MasterUnlockKey(UnlockConfig config) {
        UnlockConfig.MasterKey settings = config.masterKey();
        Path path = settings.keystorePath();
        char[] password = settings.keystorePassword().toCharArray();
        try {
            if (!Files.exists(path)) {
                if (!settings.createIfMissing()) {
                    throw new IllegalStateException("no master unlock keystore at " + path.toAbsolutePath());
                }
                MasterUnlockKeyStore.create(path, password, new SecureRandom());
                LOG.warnf("Created a new master unlock key in %s: only for development and tests, tokens of the bank's "
                        + "factory do not open with it", path.toAbsolutePath());
            }
            this.key = MasterUnlockKeyStore.load(path, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The unlock code for this CSN and Random, grouped for dictation ("1234 5678"). */
    public String codeFor(String csn, String random) {
        byte[] tokenKey = UnlockCodes.diversifyTokenKey(key, csn);
        try {
            return UnlockCodes.forDictation(UnlockCodes.code(tokenKey, csn, random));
        } finally {
            Arrays.fill(tokenKey, (byte) 0);
        }
    }

    @PreDestroy
    void wipe() {
        Arrays.fill(key, (byte) 0);
    }
}
