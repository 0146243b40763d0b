package hu.tokenplatform.tokencrypto.unlock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The bank's master unlock key in a PKCS#12 keystore, as the token factory and unlock-service both read it
 * (an HSM replaces the file in production). One secret-key entry, alias {@value #ALIAS}, 32 bytes.
 */
public final class MasterUnlockKeyStore {

    public static final String ALIAS = "unlock-master-key";

    private MasterUnlockKeyStore() {
    }

    /** @return the 32-byte master key; the caller clears it after use */
    public static byte[] load(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(ALIAS, password) instanceof SecretKey key) || key.getEncoded() == null
                    || key.getEncoded().length != UnlockCodes.KEY_BYTES) {
                throw new IllegalStateException("the keystore holds no " + UnlockCodes.KEY_BYTES + "-byte secret key '" + ALIAS + "'");
            }
            return key.getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the master unlock keystore cannot be read (wrong password or damaged file)", e);
        }
    }

    /** Creates a new keystore with a fresh random master key; refuses to overwrite an existing file. */
    public static void create(Path keystore, char[] password, SecureRandom random) {
        byte[] key = new byte[UnlockCodes.KEY_BYTES];
        random.nextBytes(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "HmacSHA256")),
                    new KeyStore.PasswordProtection(password));
            if (keystore.getParent() != null) {
                Files.createDirectories(keystore.getParent());
            }
            if (keystore.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(keystore, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(keystore);
            }
            try (OutputStream out = Files.newOutputStream(keystore, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the master unlock keystore cannot be created at " + keystore, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
