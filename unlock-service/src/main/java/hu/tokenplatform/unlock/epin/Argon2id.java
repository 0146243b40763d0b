package hu.tokenplatform.unlock.epin;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106) hashes in the PHC string format {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * so that every hash carries the cost it was made with. The pepper is Argon2's secret input K rather than an
 * HMAC before hashing: the algorithm's own slot for a server key, mixed into every block, with nothing to get
 * wrong around it. Without the pepper a stolen hash cannot even be tested against a guess.
 */
public final class Argon2id {

    /** Cost of a hash: memory in KiB, passes over it, lanes. */
    public record Parameters(int memoryKib, int iterations, int parallelism) {

        public Parameters {
            if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException("Argon2 needs p >= 1, t >= 1 and m >= 8 * p KiB");
            }
        }
    }

    static final int MIN_PEPPER_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final byte[] pepper;

    public Argon2id(byte[] pepper) {
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
        }
        this.pepper = pepper.clone();
    }

    /** A new hash with a fresh random salt. */
    public String hash(byte[] secret, Parameters parameters, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, parameters);
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + '$' + B64.encodeToString(salt) + '$' + B64.encodeToString(hash);
    }

    /** Recomputes the hash with the stored salt and parameters and compares in constant time. */
    public boolean matches(byte[] secret, String stored) {
        Matcher phc = parse(stored);
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = derive(secret, B64_DECODER.decode(phc.group(4)), parametersOf(phc));
        return MessageDigest.isEqual(expected, actual);
    }

    public static Parameters parametersOf(String stored) {
        return parametersOf(parse(stored));
    }

    private static Parameters parametersOf(Matcher phc) {
        return new Parameters(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)));
    }

    private static Matcher parse(String stored) {
        Matcher phc = PHC.matcher(stored == null ? "" : stored);
        if (!phc.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash in PHC format");
        }
        return phc;
    }

    private byte[] derive(byte[] secret, byte[] salt, Parameters parameters) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKib())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt)
                .withSecret(pepper)
                .build());
        byte[] out = new byte[HASH_BYTES];
        byte[] input = secret.clone();
        try {
            generator.generateBytes(input, out);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
        return out;
    }
}
