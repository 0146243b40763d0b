package hu.tokenplatform.tokenmanager.device;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The token's memory: one AES-256-GCM encrypted file, written atomically. The key sits in {@code device.key}
 * beside it, standing in for the internal key of the hardware's secure element. A write goes to a temporary
 * file, is forced to disk and then moved over the old file, so a crash leaves either the old or the new state;
 * a damaged or tampered file fails the GCM check and is refused, never replaced by a fresh token. Temporary
 * files are created owner-only, so the moved state file is too.
 */
final class EncryptedStateFile {

    static final String STATE = "token.state";
    static final String KEY = "device.key";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path dir;
    private final byte[] aad;
    private final SecureRandom random;

    EncryptedStateFile(Path dir, String csn, SecureRandom random) {
        this.dir = dir;
        this.aad = csn.getBytes(StandardCharsets.US_ASCII);
        this.random = random;
    }

    static void createKey(Path dir, SecureRandom random) throws IOException {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Path file = dir.resolve(KEY);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.write(file, key, StandardOpenOption.WRITE);
        Arrays.fill(key, (byte) 0);
    }

    /** Deletes what a crash mid-write may have left; the state file itself is untouched. */
    void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, STATE + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    byte[] read() {
        try {
            byte[] stored = Files.readAllBytes(dir.resolve(STATE));
            if (stored.length <= NONCE_BYTES) {
                throw new TokenDeviceException("the token's memory is damaged");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE_BYTES));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new TokenDeviceException("the token's memory is damaged or was tampered with", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the token cannot be read", e);
        }
    }

    void write(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(plain);
            Path temp = Files.createTempFile(dir, STATE, TEMP_SUFFIX);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(nonce));
                channel.write(ByteBuffer.wrap(sealed));
                channel.force(true);
            }
            Files.move(temp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (GeneralSecurityException e) {
            throw new TokenDeviceException("the token's memory cannot be sealed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the token cannot be written", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        byte[] key;
        try {
            key = Files.readAllBytes(dir.resolve(KEY));
        } catch (IOException e) {
            throw new UncheckedIOException("the token's device key cannot be read", e);
        }
        try {
            if (key.length != 32) {
                throw new TokenDeviceException("the token's device key is damaged");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
