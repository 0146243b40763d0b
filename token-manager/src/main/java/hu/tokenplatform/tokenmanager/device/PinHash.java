package hu.tokenplatform.tokenmanager.device;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A salted PBKDF2 verifier of a PIN: the token keeps these, never a PIN. Text form: iterations:salt:hash. */
record PinHash(int iterations, byte[] salt, byte[] hash) {

    static PinHash of(char[] pin, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PinHash(iterations, salt, derive(pin, salt, iterations));
    }

    boolean matches(char[] pin) {
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations));
    }

    String encode() {
        Base64.Encoder base64 = Base64.getEncoder();
        return iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    static PinHash decode(String text) {
        String[] parts = text.split(":");
        Base64.Decoder base64 = Base64.getDecoder();
        return new PinHash(Integer.parseInt(parts[0]), base64.decode(parts[1]), base64.decode(parts[2]));
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
