package hu.tokenplatform.servicekit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes the append-only, hash-chained audit log in the caller's transaction, so an action and its audit
 * entry commit or roll back together. Each entry's hash covers the previous hash: removing or editing a
 * line breaks the chain, which {@link #verifyChain()} detects. Details must never hold a secret.
 */
@ApplicationScoped
public class AuditLog {

    static final String GENESIS_HASH = "0".repeat(64);
    /**
     * How a staff read's action ends ({@code user.viewed}, {@code token.certificates-viewed}): the auditor can leave
     * reads out ({@code GET /audit?reads=false}) to see what was done. No other action may end so.
     */
    public static final String READ_ACTION_SUFFIX = "viewed";
    /** Advisory lock id that serialises appends so the chain has no forks. */
    private static final long CHAIN_LOCK = 0x617564697474L;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /**
     * A staff read of personal data: {@code lookup} runs first, then the read is recorded with empty details (what was
     * asked for, nothing of what was shown), also when the lookup throws, so that a lookup finding nobody is on record
     * too (the caller's transaction must then commit on its refusal). Recorded last because appending takes the
     * chain's lock until commit, and audited writes wait on it: held for the insert, not for the reads.
     *
     * @param action must end with {@link #READ_ACTION_SUFFIX}
     */
    // An exception passing through here does not mark the transaction: whether a refused lookup commits (with its
    // record) is the caller's transaction's rule, not this method's.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RuntimeException.class)
    public <T> T recordRead(String actor, String action, String subjectType, String subjectId, Supplier<T> lookup) {
        if (!action.endsWith(READ_ACTION_SUFFIX)) {
            throw new IllegalArgumentException("a read's action ends with '" + READ_ACTION_SUFFIX + "': " + action);
        }
        try {
            return lookup.get();
        } finally {
            record(actor, action, subjectType, subjectId, Map.of());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK).getSingleResult();
        String previousHash = AuditEntry.<AuditEntry>find("order by id desc").firstResultOptional()
                .map(e -> e.entryHash)
                .orElse(GENESIS_HASH);
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        entry.actor = actor;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId;
        entry.details = json(details);
        entry.previousHash = previousHash;
        entry.entryHash = hash(entry);
        entry.persist();
    }

    /** Recomputes the whole chain; returns the id of the first entry that does not match, or empty if intact. */
    @Transactional
    public OptionalLong verifyChain() {
        String expectedPrevious = GENESIS_HASH;
        long lastId = 0;
        while (true) {
            var page = AuditEntry.<AuditEntry>find("id > ?1 order by id", lastId).page(0, 500).list();
            if (page.isEmpty()) {
                return OptionalLong.empty();
            }
            for (AuditEntry entry : page) {
                if (!entry.previousHash.equals(expectedPrevious) || !entry.entryHash.equals(hash(entry))) {
                    return OptionalLong.of(entry.id);
                }
                expectedPrevious = entry.entryHash;
                lastId = entry.id;
            }
            em.clear();
        }
    }

    private String json(Map<String, ?> details) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable", e);
        }
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("\u001f", e.previousHash, e.occurredAt.toString(), e.actor, e.action,
                e.subjectType, e.subjectId, e.details);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is not available", e1);
        }
    }
}
