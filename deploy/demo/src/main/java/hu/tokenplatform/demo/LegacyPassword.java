package hu.tokenplatform.demo;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password hash as the old Electra login kept it, in the PBKDF2 format auth-service imports
 * ({@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}, see docs/auth-service.md): what the bank
 * exports from the old system for users who are not re-contracted yet.
 */
public final class LegacyPassword {

    private static final int ITERATIONS = 210_000;

    private LegacyPassword() {
    }

    public static String pbkdf2Sha256(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "pbkdf2-sha256$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }
}
