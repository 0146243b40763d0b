package hu.tokenplatform.tokencrypto.unlock;

import hu.tokenplatform.events.Identifiers;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The helpdesk unlock code, computed the same way by the token and by the bank.
 * <pre>
 * tokenKey = HMAC-SHA256(masterKey, "TP-UNLOCK-KEY-V1" 0x00 CSN)
 * mac      = HMAC-SHA256(tokenKey,  "TP-UNLOCK-CODE-V1" 0x00 CSN 0x00 Random)
 * Code     = (first 8 bytes of mac as unsigned big-endian integer) mod 10^8, 8 digits with leading zeros
 * </pre>
 * The master key lives only in unlock-service and the token factory; each token holds its own diversified
 * key, so a key read out of one token unlocks no other. Random is 10 digits drawn by the token, Code 8 digits:
 * both short enough to read out on the phone. The Code is bound to CSN and Random, so it works only for that
 * token and that lock. The fixed vectors in the tests pin this algorithm: changing it breaks every token in
 * the field.
 */
public final class UnlockCodes {

    public static final int RANDOM_DIGITS = 10;
    public static final int CODE_DIGITS = 8;
    public static final int KEY_BYTES = 32;

    private static final byte[] KEY_LABEL = "TP-UNLOCK-KEY-V1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE_LABEL = "TP-UNLOCK-CODE-V1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern RANDOM = Pattern.compile("[0-9]{" + RANDOM_DIGITS + "}");
    private static final long CODE_MODULUS = 100_000_000L;

    private UnlockCodes() {
    }

    public static byte[] diversifyTokenKey(byte[] masterKey, String csn) {
        requireKey(masterKey, "master key");
        return hmac(masterKey, KEY_LABEL, requireCsn(csn));
    }

    public static String newRandom(SecureRandom rng) {
        StringBuilder random = new StringBuilder(RANDOM_DIGITS);
        for (int i = 0; i < RANDOM_DIGITS; i++) {
            random.append((char) ('0' + rng.nextInt(10)));
        }
        return random.toString();
    }

    public static String code(byte[] tokenKey, String csn, String random) {
        requireKey(tokenKey, "token key");
        String normalised = normalise(random);
        if (normalised == null || !RANDOM.matcher(normalised).matches()) {
            throw new IllegalArgumentException("Random must be " + RANDOM_DIGITS + " digits");
        }
        byte[] mac = hmac(tokenKey, CODE_LABEL, requireCsn(csn), normalised);
        long value = Long.remainderUnsigned(ByteBuffer.wrap(mac, 0, Long.BYTES).getLong(), CODE_MODULUS);
        return String.format("%0" + CODE_DIGITS + "d", value);
    }

    /**
     * Whether {@code enteredCode} is the Code for this CSN and Random. Never throws for what a user typed; the
     * expected code is computed and compared in constant time whatever the input looks like.
     */
    public static boolean verify(byte[] tokenKey, String csn, String random, String enteredCode) {
        byte[] expected = code(tokenKey, csn, random).getBytes(StandardCharsets.US_ASCII);
        String normalised = normalise(enteredCode);
        byte[] entered = normalised == null ? new byte[0] : normalised.getBytes(StandardCharsets.US_ASCII);
        boolean wellFormed = entered.length == CODE_DIGITS && normalised.chars().allMatch(Character::isDigit);
        return MessageDigest.isEqual(expected, entered) & wellFormed;
    }

    /** Groups digits for reading aloud: "123 456 7890" for a Random, "1234 5678" for a Code. */
    public static String forDictation(String digits) {
        String normalised = normalise(digits);
        if (normalised == null) {
            return "";
        }
        if (normalised.length() == RANDOM_DIGITS) {
            return normalised.substring(0, 3) + ' ' + normalised.substring(3, 6) + ' ' + normalised.substring(6);
        }
        if (normalised.length() == CODE_DIGITS) {
            return normalised.substring(0, 4) + ' ' + normalised.substring(4);
        }
        return normalised;
    }

    /** What the user typed, without the spaces and dashes people put between groups; null stays null. */
    public static String normalise(String typed) {
        return typed == null ? null : typed.replace(" ", "").replace("-", "");
    }

    private static String requireCsn(String csn) {
        if (!Identifiers.isCsn(csn)) {
            throw new IllegalArgumentException("CSN must be 8 to 16 upper-case hexadecimal characters");
        }
        return csn;
    }

    private static void requireKey(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes");
        }
    }

    private static byte[] hmac(byte[] key, byte[] label, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label);
            for (String part : parts) {
                mac.update((byte) 0);
                mac.update(part.getBytes(StandardCharsets.US_ASCII));
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
