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
import java.util.stream.Stream;

/**
 * Counts refused logins per certificate, per source address and per customer identifier (password logins), in
 * the database so that every instance sees the same counts. Like the token's PIN counter, an attempt is counted
 * as a failure before it is checked and given back when it succeeds, so parallel attempts cannot outrun the
 * count. Once a subject reaches its limit it stays blocked for one full window from that moment; certificate
 * logins are rate-limited this way rather than locked for good, so that a stolen certificate cannot lock its
 * owner out.
 */
@ApplicationScoped
public class LoginThrottle {

    public enum Scope {
        CERTIFICATE,
        ADDRESS,
        CUSTOMER,
        /** Login pages (new login transactions) a browser address opened: every one counts, none is given back. */
        LOGIN_PAGE
    }

    @Inject
    EntityManager em;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    /**
     * Takes one attempt from the subject's allowance before the attempt is checked, and counts it as a failure
     * until {@link #release} or {@link #reset} says otherwise; false, counting nothing, while the subject is at its
     * limit. The check and the count are one statement: PostgreSQL locks the subject's row and evaluates the limit
     * on its newest version, so concurrent attempts are admitted one after another and never more than the limit
     * (a check first and a count after the password check would let every parallel attempt through).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reserve(Scope scope, String subject, int limit, Duration window) {
        Instant now = clock.instant();
        int counted = em.createNativeQuery("insert into login_throttle (scope, subject, window_start, failures) values (?1, ?2, ?3, 1) "
                        + "on conflict (scope, subject) do update set "
                        + "failures = case when login_throttle.window_start <= ?4 then 1 else login_throttle.failures + 1 end, "
                        + "window_start = case when login_throttle.window_start <= ?4 then ?3 "
                        + "when login_throttle.failures + 1 = ?5 then ?3 else login_throttle.window_start end "
                        + "where login_throttle.window_start <= ?4 or login_throttle.failures < ?5")
                .setParameter(1, scope.name())
                .setParameter(2, subject)
                .setParameter(3, now)
                .setParameter(4, now.minus(window))
                .setParameter(5, limit)
                .executeUpdate();
        return counted == 1;
    }

    /** Gives back an attempt {@link #reserve} counted that turned out not to be a failure. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Scope scope, String subject) {
        em.createNativeQuery("update login_throttle set failures = greatest(failures - 1, 0) where scope = ?1 and subject = ?2")
                .setParameter(1, scope.name())
                .setParameter(2, subject)
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
        Duration longest = Stream.of(config.throttle().window(), config.password().lockout(), config.throttle().loginPageWindow())
                .max(Duration::compareTo).orElseThrow();
        em.createNativeQuery("delete from login_throttle where window_start < ?1")
                .setParameter(1, clock.instant().minus(longest))
                .executeUpdate();
    }
}
