package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.events.Identifiers;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Verification ids: 256 random bits, shown once to the agent; the database keeps only their SHA-256, so that
 * whoever reads the table cannot act as a verified caller.
 */
@ApplicationScoped
public class CallerVerifications {

    /** Base64url of 32 random bytes, without padding: the shape the helpdesk's side checks too. */
    public static final String ID_PATTERN = Identifiers.VERIFICATION_ID_REGEX;
    private static final int ID_BYTES = 32;
    /** Characters of the id's hash that audit entries carry, to tie a code to its verification. */
    private static final int REFERENCE_CHARS = 16;

    private final SecureRandom random = new SecureRandom();

    @Inject
    Clock clock;

    public record Issued(String id, CallerVerification verification) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Issued create(String customerId, String agent, Instant expiresAt) {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        CallerVerification verification = new CallerVerification();
        verification.idHash = hash(id);
        verification.customerId = customerId;
        verification.agent = agent;
        verification.verifiedAt = clock.instant();
        verification.expiresAt = expiresAt;
        verification.persist();
        return new Issued(id, verification);
    }

    /**
     * The verification behind {@code id} if it exists, has not expired and belongs to {@code agent}. Unknown,
     * expired and someone else's look the same to the caller of this method.
     */
    public Optional<CallerVerification> findValid(String id, String agent) {
        Instant now = clock.instant();
        return CallerVerification.<CallerVerification>findByIdOptional(hash(id))
                .filter(v -> v.agent.equals(agent) && now.isBefore(v.expiresAt));
    }

    /** Ends every verification of a customer, when their e-PIN changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endAllOf(String customerId) {
        return (int) CallerVerification.delete("customerId", customerId);
    }

    /** A non-secret reference to a verification for audit entries: the start of its hash. */
    public static String reference(CallerVerification verification) {
        return verification.idHash.substring(0, REFERENCE_CHARS);
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purgeExpired() {
        CallerVerification.delete("expiresAt < ?1", clock.instant());
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
