package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CrlBuilder.RevokedEntry;
import hu.tokenplatform.registry.config.RegistryConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Regenerates the CRL in the transaction of every revocation, and ahead of its nextUpdate, so that a relying
 * party that fails closed on a stale CRL never finds one.
 */
@ApplicationScoped
public class CrlService {

    @Inject
    CertificateAuthority ca;

    @Inject
    EntityManager em;

    @Inject
    RegistryConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public CrlState regenerate() {
        // A placeholder row the first time, so that there is always a row to lock: concurrent regenerations queue on it.
        em.createNativeQuery("insert into crl_state (id, crl_number, this_update, next_update, der) "
                        + "values (?1, 0, now(), now(), ''::bytea) on conflict (id) do nothing")
                .setParameter(1, CrlState.SINGLETON_ID)
                .executeUpdate();
        CrlState state = CrlState.<CrlState>findByIdOptional(CrlState.SINGLETON_ID, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        List<RevokedEntry> revoked = Certificate.<Certificate>list("status", Certificate.Status.REVOKED).stream()
                .map(c -> new RevokedEntry(new BigInteger(c.serialNumber, 16), c.revokedAt, c.revocationReason))
                .toList();
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.ca().crlValidity());
        X509CRL crl = ca.crlBuilder().build(revoked, BigInteger.valueOf(state.crlNumber + 1), thisUpdate, nextUpdate);
        state.crlNumber++;
        state.thisUpdate = thisUpdate;
        state.nextUpdate = nextUpdate;
        try {
            state.der = crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("CRL cannot be encoded", e);
        }
        return state;
    }

    /** The current CRL, regenerated first if none exists yet or it has passed half its validity. */
    public CrlState current() {
        return CrlState.<CrlState>findByIdOptional(CrlState.SINGLETON_ID)
                .filter(state -> !isDue(state))
                .orElseGet(() -> QuarkusTransaction.requiringNew().call(this::regenerate));
    }

    /**
     * The current CRL's nextUpdate, read without the CRL itself (which may be large). A CRL due for regeneration is
     * left to the scheduled refresh while its nextUpdate is ahead; only a missing or passed one is made here.
     */
    public Instant nextUpdate() {
        List<Instant> nextUpdate = em.createQuery("select c.nextUpdate from CrlState c where c.id = :id", Instant.class)
                .setParameter("id", CrlState.SINGLETON_ID)
                .getResultList();
        if (nextUpdate.isEmpty() || !clock.instant().isBefore(nextUpdate.get(0))) {
            return current().nextUpdate;
        }
        return nextUpdate.get(0);
    }

    @Scheduled(every = "${registry.ca.crl-refresh-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshAhead() {
        current();
    }

    private boolean isDue(CrlState state) {
        Instant halfway = state.thisUpdate.plus(config.ca().crlValidity().dividedBy(2));
        return !clock.instant().isBefore(halfway);
    }
}
