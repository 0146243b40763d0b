package hu.tokenplatform.auth.login;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Login sessions: every login gets a session id, carried as {@code sid} in the ID and access tokens issued from
 * it. The tokens are self-contained JWTs that relying parties check on their own; what the platform can revoke is
 * their use here, so a session that was ended makes userinfo refuse its tokens. A session is ended once, with the
 * first reason.
 */
@ApplicationScoped
public class LoginSessions {

    /** Why a session ended. */
    public enum EndReason {
        /** Its authorization code was presented a second time (RFC 6749, section 4.1.2): the code leaked. */
        CODE_REDEEMED_TWICE,
        /** Its token or login certificate was revoked: its tokens are refused from then on. */
        TOKEN_REVOKED
    }

    /** Tokens live minutes; a session older than this is forgotten, and a token naming it is refused like an ended one. */
    static final Duration RETENTION = Duration.ofDays(1);
    private static final int SID_BYTES = 16;

    @Inject
    Clock clock;

    /**
     * A new session for a login just authenticated.
     *
     * @param csn               the token's CSN, null for a password login
     * @param certificateSerial the login certificate's serial (hex), null for a password login
     * @return the session id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String start(String customerId, String csn, String certificateSerial) {
        LoginSession session = new LoginSession();
        session.sid = LoginTransactions.randomBase64Url(SID_BYTES);
        session.customerId = customerId;
        session.csn = csn;
        session.certificateSerial = certificateSerial;
        session.createdAt = clock.instant();
        session.persist();
        return session.sid;
    }

    /** Ends the session unless it ended before; true if this call ended it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean end(String sid, EndReason reason) {
        if (sid == null) {
            return false;
        }
        return LoginSession.update("endedAt = ?1, endReason = ?2 where sid = ?3 and endedAt is null", clock.instant(), reason, sid) == 1;
    }

    /** The session if it is known and has not ended: an unknown or absent sid has none. */
    @Transactional
    public Optional<LoginSession> activeSession(String sid) {
        return sid == null ? Optional.empty() : LoginSession.<LoginSession>findByIdOptional(sid).filter(s -> s.endedAt == null);
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetOldSessions() {
        LoginSession.delete("createdAt < ?1", clock.instant().minus(RETENTION));
    }
}
