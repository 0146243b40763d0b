package hu.tokenplatform.unlock.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sliding-window limits kept in PostgreSQL, so that they hold across every instance of the service and across
 * restarts. A transaction-scoped advisory lock per scope and subject serialises the count and the insert, so
 * concurrent requests cannot both take the last slot.
 */
@ApplicationScoped
public class RateLimiter {

    /** Longest window any limit may use; older rows are deleted. */
    public static final Duration RETENTION = Duration.ofDays(2);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Counts one action for {@code subject} if fewer than {@code limit} were counted in the last {@code window}.
     *
     * @return false, counting nothing, if the limit is reached
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryAcquire(String scope, String subject, int limit, Duration window) {
        if (window.compareTo(RETENTION) > 0) {
            throw new IllegalArgumentException("rate window " + window + " is longer than the retention " + RETENTION);
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, scope + '\u001f' + subject)
                .getSingleResult();
        Instant now = clock.instant();
        long used = RateEvent.count("scope = ?1 and subject = ?2 and occurredAt > ?3", scope, subject, now.minus(window));
        if (used >= limit) {
            return false;
        }
        RateEvent event = new RateEvent();
        event.scope = scope;
        event.subject = subject;
        event.occurredAt = now;
        event.persist();
        return true;
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purge() {
        RateEvent.delete("occurredAt < ?1", clock.instant().minus(RETENTION));
    }
}
