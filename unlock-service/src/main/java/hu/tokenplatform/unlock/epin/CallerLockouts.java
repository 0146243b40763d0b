package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.unlock.config.UnlockConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Counts wrong e-PINs per customer identifier and locks verification after the configured number. Identifiers
 * that are not registered are counted and locked the same way, so that a lockout reveals nothing about whether
 * an identifier exists. Only a branch officer setting a new e-PIN lifts a lock.
 */
@ApplicationScoped
public class CallerLockouts {

    @Inject
    EntityManager em;

    @Inject
    UnlockConfig config;

    /** The identifier's counter, created if new and locked for the rest of the transaction: concurrent guesses queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CallerLockout lockForUpdate(String customerId) {
        em.createNativeQuery("insert into caller_lockout (customer_id, failed_attempts) values (?1, 0) on conflict do nothing")
                .setParameter(1, customerId)
                .executeUpdate();
        // The row exists now: inserted above, or by an earlier attempt.
        return CallerLockout.<CallerLockout>findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
    }

    public boolean isLocked(CallerLockout lockout) {
        return lockout.lockedAt != null;
    }

    /** @return whether this failure locked the identifier */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFailure(CallerLockout lockout, Instant at) {
        lockout.failedAttempts++;
        lockout.lastFailureAt = at;
        if (lockout.failedAttempts >= config.ePin().maxFailedAttempts()) {
            lockout.lockedAt = at;
            return true;
        }
        return false;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(CallerLockout lockout) {
        lockout.failedAttempts = 0;
        lockout.lastFailureAt = null;
        lockout.lockedAt = null;
    }
}
