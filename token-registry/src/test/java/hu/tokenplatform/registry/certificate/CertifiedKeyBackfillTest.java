package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.registry.LockWaits;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static hu.tokenplatform.registry.LockWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The start-up backfill of certified-key hashes, as two replicas starting together run it. */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class CertifiedKeyBackfillTest {

    @Inject
    CertifiedKeyBackfill backfill;

    @Inject
    EntityManager em;

    /**
     * The first replica's backfill is held open (uncommitted) while the second one starts. The second must wait for
     * the first to commit and then find nothing left to do; without the lock it would work on the same rows again
     * (each certificate's hash written twice, and with it the duplicate-key reports).
     */
    @Test
    void twoReplicasBackfillingAtOnceTakeTurnsAndEachKeyIsRecordedOnce() throws Exception {
        String csn = Fixtures.userWithToken(true)[1];
        List<String> hashes = hashes(csn);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update certificate set public_key_sha256 = null where csn = ?1").setParameter(1, csn).executeUpdate());

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch firstFilled = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        try {
            Future<Integer> first = replicas.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                int filled = backfill.backfill();
                firstFilled.countDown();
                await(firstMayCommit);
                return filled;
            }));
            await(firstFilled);
            Future<Integer> second = replicas.submit(() -> backfill.backfill());
            // The second replica has reached the first one's lock (the advisory lock, or without it a row lock).
            LockWaits.awaitASessionWaitingForALock(em, "%", "the second backfill never waited for the first");
            firstMayCommit.countDown();

            assertEquals(2, first.get(30, TimeUnit.SECONDS), "the first replica records the login and signing keys");
            assertEquals(0, second.get(30, TimeUnit.SECONDS), "the second finds them recorded");
        } finally {
            firstMayCommit.countDown();
            replicas.shutdownNow();
        }
        assertEquals(hashes, hashes(csn), "one hash per certificate, as before");
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from certificate where public_key_sha256 in (?1, ?2)")
                .setParameter(1, hashes.get(0)).setParameter(2, hashes.get(1)).getSingleResult());
        assertEquals(2, rows.intValue(), "one row per key");
    }

    @SuppressWarnings("unchecked")
    private List<String> hashes(String csn) {
        List<String> hashes = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select public_key_sha256 from certificate where csn = ?1 order by serial_number").setParameter(1, csn).getResultList());
        assertEquals(2, hashes.size());
        hashes.forEach(hash -> assertNotNull(hash, "every certificate has its key hash"));
        return hashes;
    }
}
