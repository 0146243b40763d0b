package hu.tokenplatform.tokencrypto.login;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the token signs to log in, shared by Token Manager and auth-service (see docs/login-protocol.md).
 * The signature covers the one-time challenge together with the login transaction, the relying party and
 * the origin of the login page, so a signature obtained for one of them is useless for another.
 */
public final class LoginChallenge {

    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    public static final int MIN_CHALLENGE_BYTES = 32;
    public static final int MAX_CHALLENGE_BYTES = 64;

    private static final byte[] DOMAIN = "TP-LOGIN-V1".getBytes(StandardCharsets.US_ASCII);
    /** A login transaction id as auth-service makes them (22 characters base64url) and accepts them. */
    public static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    /** A registered client's id ({@code electra}, {@code e-posta}). */
    public static final Pattern CLIENT = Pattern.compile("[a-z0-9-]{2,32}");
    /** A login page's origin: scheme, host and port, nothing else. */
    public static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    private LoginChallenge() {
    }

    /**
     * {@code "TP-LOGIN-V1" 0x00 transactionId 0x00 client 0x00 origin 0x00 challenge}, all ASCII but the
     * raw challenge bytes.
     *
     * @throws IllegalArgumentException if a part is malformed; nothing malformed is ever signed
     */
    public static byte[] toBeSigned(String transactionId, String client, String origin, byte[] challenge) {
        require(transactionId != null && TRANSACTION_ID.matcher(transactionId).matches(), "transaction id");
        require(client != null && CLIENT.matcher(client).matches(), "client");
        require(origin != null && ORIGIN.matcher(origin).matches(), "origin");
        require(challenge != null && challenge.length >= MIN_CHALLENGE_BYTES && challenge.length <= MAX_CHALLENGE_BYTES,
                "challenge length");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN);
        for (String part : new String[]{transactionId, client, origin}) {
            out.write(0);
            out.writeBytes(part.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        out.writeBytes(challenge);
        return out.toByteArray();
    }

    private static void require(boolean valid, String what) {
        if (!valid) {
            throw new IllegalArgumentException("malformed login " + what);
        }
    }
}
