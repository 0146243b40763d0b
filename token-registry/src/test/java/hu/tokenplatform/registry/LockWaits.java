package hu.tokenplatform.registry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** For tests that hold one transaction open and show that another waits for it in PostgreSQL. */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * Returns once some session of this database waits for a lock whose query matches {@code queryLike} (SQL
     * {@code ilike}; {@code %} for any), within 30 s.
     *
     * @throws AssertionError with {@code failure} if none does
     */
    public static void awaitASessionWaitingForALock(EntityManager em, String queryLike, String failure) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Number waiting = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock' and query ilike ?1""")
                    .setParameter(1, queryLike).getSingleResult());
            if (waiting.intValue() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(failure);
    }

    /** Waits for {@code latch} at most 30 s. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
