package hu.tokenplatform.auth.password;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy password hash formats accepted for import, checked in constant time:
 * <ul>
 *     <li>bcrypt, modular crypt format {@code $2a$|$2b$|$2y$<cost>$<53 characters>}, cost 10 to 16;</li>
 *     <li>PBKDF2, {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>} (also {@code pbkdf2-sha512}),
 *     10,000 to 5,000,000 iterations, salt at least 16 bytes, hash 32 to 64 bytes.</li>
 * </ul>
 * The bounds keep a hash from being trivially weak or from costing the server seconds per attempt.
 */
public final class PasswordHashes {

    public static final int MAX_PASSWORD_CHARS = 128;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");
    private static final Pattern PBKDF2 = Pattern.compile("pbkdf2-(sha256|sha512)\\$(\\d{5,7})\\$([A-Za-z0-9+/=]{22,88})\\$([A-Za-z0-9+/=]{43,88})");
    private static final int MIN_BCRYPT_COST = 10;
    private static final int MAX_BCRYPT_COST = 16;
    private static final int MIN_PBKDF2_ITERATIONS = 10_000;
    private static final int MAX_PBKDF2_ITERATIONS = 5_000_000;

    private PasswordHashes() {
    }

    /** Why a hash cannot be imported, or null if it can. */
    public static String problem(String hash) {
        if (hash == null) {
            return "missing";
        }
        Matcher bcrypt = BCRYPT.matcher(hash);
        if (bcrypt.matches()) {
            int cost = Integer.parseInt(bcrypt.group(1));
            return cost >= MIN_BCRYPT_COST && cost <= MAX_BCRYPT_COST ? null
                    : "bcrypt cost must be " + MIN_BCRYPT_COST + " to " + MAX_BCRYPT_COST;
        }
        Matcher pbkdf2 = PBKDF2.matcher(hash);
        if (pbkdf2.matches()) {
            int iterations = Integer.parseInt(pbkdf2.group(2));
            if (iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) {
                return "PBKDF2 iterations must be " + MIN_PBKDF2_ITERATIONS + " to " + MAX_PBKDF2_ITERATIONS;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(pbkdf2.group(3));
                byte[] derived = Base64.getDecoder().decode(pbkdf2.group(4));
                return salt.length >= 16 && derived.length >= 32 && derived.length <= 64 ? null
                        : "PBKDF2 salt must be at least 16 bytes and the hash 32 to 64 bytes";
            } catch (IllegalArgumentException e) {
                return "PBKDF2 salt or hash is not base64";
            }
        }
        return "not a bcrypt or pbkdf2-sha256/sha512 hash";
    }

    /** Whether {@code password} matches {@code hash}, compared in constant time; false for an unusable hash. */
    public static boolean matches(String hash, char[] password) {
        if (problem(hash) != null || password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        if (hash.startsWith("$2")) {
            return OpenBSDBCrypt.checkPassword(hash, password);
        }
        Matcher pbkdf2 = PBKDF2.matcher(hash);
        if (!pbkdf2.matches()) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(pbkdf2.group(3));
        byte[] expected = Base64.getDecoder().decode(pbkdf2.group(4));
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmac" + pbkdf2.group(1).toUpperCase());
            byte[] derived = factory.generateSecret(new PBEKeySpec(password, salt, Integer.parseInt(pbkdf2.group(2)),
                    expected.length * 8)).getEncoded();
            return MessageDigest.isEqual(derived, expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available", e);
        }
    }
}
