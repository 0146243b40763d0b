package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts refused logins per certificate, per source address and per customer identifier (password logins), in
 * the database so that every instance sees the same counts. Once a subject reaches its limit it stays blocked
 * for one full window from that moment; certificate logins are rate-limited this way rather than locked for
 * good, so that a stolen certificate cannot lock its owner out.
 */
@ApplicationScoped
public class LoginThrottle {

    public enum Scope {
        CERTIFICATE,
        ADDRESS,
        CUSTOMER
    }

    @Inject
    EntityManager em;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean blocked(Scope scope, String subject, int limit, Duration window) {
        Instant windowOpen = clock.instant().minus(window);
        Long count = (Long) em.createNativeQuery("select count(*) from login_throttle where scope = ?1 and subject = ?2 "
                        + "and window_start > ?3 and failures >= ?4", Long.class)
                .setParameter(1, scope.name())
                .setParameter(2, subject)
                .setParameter(3, windowOpen)
                .setParameter(4, limit)
                .getSingleResult();
        return count > 0;
    }

    /** Counts one failure; the window restarts when it has passed, and again when the limit is reached. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFailure(Scope scope, String subject, int limit, Duration window) {
        Instant now = clock.instant();
        em.createNativeQuery("insert into login_throttle (scope, subject, window_start, failures) values (?1, ?2, ?3, 1) "
                        + "on conflict (scope, subject) do update set "
                        + "failures = case when login_throttle.window_start <= ?4 then 1 else login_throttle.failures + 1 end, "
                        + "window_start = case when login_throttle.window_start <= ?4 then ?3 "
                        + "when login_throttle.failures + 1 = ?5 then ?3 else login_throttle.window_start end")
                .setParameter(1, scope.name())
                .setParameter(2, subject)
                .setParameter(3, now)
                .setParameter(4, now.minus(window))
                .setParameter(5, limit)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reset(Scope scope, String subject) {
        em.createNativeQuery("delete from login_throttle where scope = ?1 and subject = ?2")
                .setParameter(1, scope.name())
                .setParameter(2, subject)
                .executeUpdate();
    }

    /** Counters whose window passed long ago say nothing any more. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetOldWindows() {
        Duration longest = config.throttle().window().compareTo(config.password().lockout()) > 0
                ? config.throttle().window() : config.password().lockout();
        em.createNativeQuery("delete from login_throttle where window_start < ?1")
                .setParameter(1, clock.instant().minus(longest))
                .executeUpdate();
    }
}
