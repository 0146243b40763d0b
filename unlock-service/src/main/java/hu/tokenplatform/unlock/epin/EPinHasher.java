package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.unlock.config.UnlockConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Hashes and checks e-PINs with the configured Argon2id cost and pepper. Every check costs one Argon2 run, also
 * for a customer identifier that has no e-PIN ({@link #matchesNothing}), so that response times do not tell
 * whether an identifier exists. A semaphore bounds how many run at once: each takes {@code memory-kib} of memory.
 */
@ApplicationScoped
public class EPinHasher {

    private final Argon2id argon2;
    private final Argon2id.Parameters current;
    private final Semaphore permits;
    private final SecureRandom random = new SecureRandom();
    /** A hash of a random e-PIN nobody knows, checked in place of the missing one. */
    private final String decoy;

    @Inject
    public EPinHasher(UnlockConfig config) {
        UnlockConfig.Argon2 cost = config.ePin().argon2();
        byte[] pepper = config.ePin().pepper().getBytes(StandardCharsets.UTF_8);
        if (pepper.length < Argon2id.MIN_PEPPER_BYTES) {
            throw new IllegalStateException("unlock.e-pin.pepper must be at least " + Argon2id.MIN_PEPPER_BYTES + " bytes");
        }
        this.argon2 = new Argon2id(pepper);
        Arrays.fill(pepper, (byte) 0);
        this.current = new Argon2id.Parameters(cost.memoryKib(), cost.iterations(), cost.parallelism());
        this.permits = new Semaphore(cost.maxConcurrent(), true);
        byte[] unknown = new byte[32];
        random.nextBytes(unknown);
        this.decoy = argon2.hash(unknown, current, random);
    }

    public String hash(String ePin) {
        return withPermit(secret -> argon2.hash(secret, current, random), ePin);
    }

    public boolean matches(String ePin, String storedHash) {
        return withPermit(secret -> argon2.matches(secret, storedHash), ePin);
    }

    /** The same work as {@link #matches} for an identifier that has no e-PIN; never true. */
    public boolean matchesNothing(String ePin) {
        // Only the time spent counts: the decoy's e-PIN is 32 random bytes, which no 6-digit e-PIN can match.
        matches(ePin, decoy);
        return false;
    }

    /** Whether a hash was made with other parameters than today's, so that it is rehashed on the next success. */
    public boolean isOutdated(String storedHash) {
        return !Argon2id.parametersOf(storedHash).equals(current);
    }

    private <T> T withPermit(Function<byte[], T> work, String ePin) {
        byte[] secret = ePin.getBytes(StandardCharsets.US_ASCII);
        permits.acquireUninterruptibly();
        try {
            return work.apply(secret);
        } finally {
            permits.release();
            Arrays.fill(secret, (byte) 0);
        }
    }
}
