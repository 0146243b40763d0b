package hu.tokenplatform.auth.oidc;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginSessions;
import hu.tokenplatform.auth.login.LoginTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Issues authorization codes for finished logins and redeems each at most once. */
@ApplicationScoped
public class AuthorizationCodes {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodes.class);
    private static final int CODE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthConfig config;

    @Inject
    LoginSessions sessions;

    @Inject
    Clock clock;

    /** @return the code for the redirect; only its hash is stored */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(LoginTransaction login) {
        byte[] random = new byte[CODE_BYTES];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AuthorizationCode row = new AuthorizationCode();
        row.codeHash = OidcClients.sha256(code);
        row.clientId = login.clientId;
        row.redirectUri = login.redirectUri;
        row.scope = login.scope;
        row.nonce = login.nonce;
        row.codeChallenge = login.codeChallenge;
        row.customerId = login.customerId;
        row.csn = login.csn;
        row.certificateSerial = login.certificateSerial;
        row.method = login.method;
        row.authTime = login.authenticatedAt;
        row.sessionId = login.sessionId;
        row.expiresAt = clock.instant().plus(config.oidc().codeTtl());
        row.persist();
        return code;
    }

    /**
     * The code's row, locked and marked used whatever happens next: a second redemption always fails, and ends the
     * login's session (RFC 6749, section 4.1.2), so that the tokens the first one got are refused from then on:
     * someone else holds the code. Empty if unknown, expired or used before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuthorizationCode> redeem(String code) {
        if (code == null || code.length() > 128) {
            return Optional.empty();
        }
        Optional<AuthorizationCode> found = AuthorizationCode.findByIdOptional(OidcClients.sha256(code), LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().usedAt != null) {
            if (sessions.end(found.get().sessionId, LoginSessions.EndReason.CODE_REDEEMED_TWICE)) {
                LOG.warnf("Authorization code of client %s for customer %s redeemed twice: its login session is ended",
                        found.get().clientId, found.get().customerId);
            }
            return Optional.empty();
        }
        AuthorizationCode row = found.get();
        row.usedAt = clock.instant();
        return clock.instant().isBefore(row.expiresAt) ? Optional.of(row) : Optional.empty();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void dropExpired() {
        AuthorizationCode.delete("expiresAt < ?1", clock.instant().minus(Duration.ofDays(1)));
    }
}
