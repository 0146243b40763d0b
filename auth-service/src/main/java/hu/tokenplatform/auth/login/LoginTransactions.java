package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.oidc.AuthorizationCodes;
import hu.tokenplatform.auth.oidc.PendingAuthorization;
import hu.tokenplatform.auth.revocation.RevocationStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Starts login transactions for the login page and finishes them in the browser session that started them,
 * once a token (or password) login authenticated a user: only then is an authorization code issued.
 */
@ApplicationScoped
public class LoginTransactions {

    static final int TRANSACTION_ID_BYTES = 16;
    static final int CHALLENGE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LOGIN_RETENTION = Duration.ofDays(1);
    /** First key of the per-session advisory lock: "LT" for login transaction. */
    private static final int SESSION_LOCK = 0x4c54;

    @Inject
    RevocationStatus revocation;

    @Inject
    AuthConfig config;

    @Inject
    AuthorizationCodes codes;

    @Inject
    LoginThrottle throttle;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * A new transaction for a validated authorization request, bound to the browser session; none when the
     * browser's address opened too many login pages lately. A session keeps only its newest
     * {@code auth.login.pending-per-session} pending transactions: older ones are dropped as this one starts.
     */
    @Transactional
    public Optional<LoginTransaction> start(PendingAuthorization request, byte[] browserSessionHash, String address) {
        if (!throttle.reserve(LoginThrottle.Scope.LOGIN_PAGE, address, config.throttle().loginPages(),
                config.throttle().loginPageWindow())) {
            return Optional.empty();
        }
        // One start at a time per session (two 32-bit keys: apart from the one-key locks elsewhere), so the cap holds.
        em.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, SESSION_LOCK)
                .setParameter(2, ByteBuffer.wrap(browserSessionHash).getInt())
                .getSingleResult();
        em.createNativeQuery("delete from login_transaction where id in (select id from login_transaction "
                        + "where browser_session_hash = ?1 and status = 'PENDING' order by created_at desc, id offset ?2)")
                .setParameter(1, browserSessionHash)
                .setParameter(2, config.login().pendingPerSession() - 1)
                .executeUpdate();
        Instant now = clock.instant();
        LoginTransaction transaction = new LoginTransaction();
        transaction.id = randomBase64Url(TRANSACTION_ID_BYTES);
        transaction.challenge = randomBytes(CHALLENGE_BYTES);
        transaction.clientId = request.clientId();
        transaction.origin = config.publicOrigin();
        transaction.browserSessionHash = browserSessionHash;
        transaction.createdAt = now;
        transaction.expiresAt = now.plus(config.login().transactionTtl());
        transaction.redirectUri = request.redirectUri();
        transaction.scope = request.scope();
        transaction.state = request.state();
        transaction.nonce = request.nonce();
        transaction.codeChallenge = request.codeChallenge();
        transaction.status = LoginTransaction.Status.PENDING;
        transaction.persist();
        return Optional.of(transaction);
    }

    /**
     * The transaction, if it exists and belongs to this browser session; another session's transaction is
     * reported as absent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LoginTransaction> ofSession(String transactionId, byte[] browserSessionHash, LockModeType lock) {
        if (transactionId == null || !TokenLoginService.TRANSACTION_ID.matcher(transactionId).matches()) {
            return Optional.empty();
        }
        return LoginTransaction.<LoginTransaction>findByIdOptional(transactionId, lock)
                .filter(t -> MessageDigest.isEqual(t.browserSessionHash, browserSessionHash));
    }

    /**
     * Issues the authorization code for a transaction authenticated moments ago, once.
     *
     * @throws LoginRefusedException if the transaction is not this session's, not authenticated, already
     *                               finished, or authenticated too long ago
     */
    public Completion complete(String transactionId, byte[] browserSessionHash) {
        // The token may have been revoked since its login moments ago: asked again before the code is issued, outside
        // any transaction (the answer may come from the registry over the network), so before the row lock.
        boolean checked = QuarkusTransaction.requiringNew().call(() -> ofSession(transactionId, browserSessionHash, LockModeType.NONE))
                .filter(t -> t.status == LoginTransaction.Status.AUTHENTICATED && t.method == LoginMethod.TOKEN)
                .map(t -> {
                    stillGood(t);
                    return true;
                }).orElse(false);
        return QuarkusTransaction.requiringNew().call(() -> finish(transactionId, browserSessionHash, checked));
    }

    private void stillGood(LoginTransaction transaction) {
        LoginAttempt attempt = new LoginAttempt(transaction.customerId, transaction.csn, transaction.clientId);
        RevocationStatus.Verdict verdict = transaction.certificateSerial == null ? RevocationStatus.Verdict.REVOKED
                : revocation.of(transaction.csn, transaction.certificateSerial);
        LoginRefusedException.unlessGood(verdict, attempt);
    }

    private Completion finish(String transactionId, byte[] browserSessionHash, boolean tokenChecked) {
        LoginTransaction transaction = ofSession(transactionId, browserSessionHash, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> LoginRefusal.LOGIN_TRANSACTION_UNKNOWN.exception(LoginAttempt.UNKNOWN));
        LoginAttempt attempt = new LoginAttempt(transaction.customerId, transaction.csn, transaction.clientId);
        if (transaction.status == LoginTransaction.Status.COMPLETED) {
            throw LoginRefusal.LOGIN_TRANSACTION_USED.exception(attempt);
        }
        if (transaction.status != LoginTransaction.Status.AUTHENTICATED) {
            throw LoginRefusal.LOGIN_TRANSACTION_UNKNOWN.exception(attempt);
        }
        // Authenticated by a token between the look above and this lock: not yet asked again, so not finished now.
        if (transaction.method == LoginMethod.TOKEN && !tokenChecked) {
            throw LoginRefusal.LOGIN_TRANSACTION_UNKNOWN.exception(attempt);
        }
        Instant now = clock.instant();
        if (!now.isBefore(transaction.authenticatedAt.plus(config.login().completeWithin()))) {
            throw LoginRefusal.LOGIN_TRANSACTION_EXPIRED.exception(attempt);
        }
        transaction.status = LoginTransaction.Status.COMPLETED;
        transaction.completedAt = now;
        String code = codes.issue(transaction);
        return new Completion(transaction.redirectUri, code, transaction.state, transaction.clientId);
    }

    /** Where the browser goes next: the client's redirect URI with the code and the client's state. */
    public record Completion(String redirectUri, String code, String state, String clientId) {
    }

    /**
     * A page nobody logged in from is useless once expired: it is dropped soon after (kept one more transaction
     * lifetime, so that a late form is still told "expired"), so that loading login pages cannot fill the
     * database. Logins are kept a day for investigations.
     */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void dropOldTransactions() {
        Instant now = clock.instant();
        LoginTransaction.delete("status = ?1 and expiresAt < ?2", LoginTransaction.Status.PENDING,
                now.minus(config.login().transactionTtl()));
        LoginTransaction.delete("expiresAt < ?1", now.minus(LOGIN_RETENTION));
    }

    static String randomBase64Url(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
