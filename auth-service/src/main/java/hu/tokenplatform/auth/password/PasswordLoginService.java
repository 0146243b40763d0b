package hu.tokenplatform.auth.password;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginAttempt;
import hu.tokenplatform.auth.login.LoginEvents;
import hu.tokenplatform.auth.login.LoginMethod;
import hu.tokenplatform.auth.login.LoginRefusedException;
import hu.tokenplatform.auth.login.LoginThrottle;
import hu.tokenplatform.auth.login.LoginTransaction;
import hu.tokenplatform.auth.login.LoginTransactions;
import hu.tokenplatform.auth.login.Refusal;
import hu.tokenplatform.auth.oidc.OidcClients;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.projection.Recontracting;
import hu.tokenplatform.auth.projection.RegistryEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The legacy username/password login, only for users not yet re-contracted: from {@code user.password-login-disabled}
 * on, every attempt is refused with "use your token", whether or not the password is right. Wrong passwords lock
 * a customer identifier for a while after {@code auth.password.max-failures}; unknown identifiers are answered
 * exactly like wrong passwords, after a hash check of the same cost, and lock the same way.
 */
@ApplicationScoped
public class PasswordLoginService {

    private final String unknownUserHash;

    @Inject
    AuthConfig config;

    @Inject
    LoginTransactions transactions;

    @Inject
    LoginThrottle throttle;

    @Inject
    LoginEvents events;

    @Inject
    OidcClients clients;

    @Inject
    Clock clock;

    @Inject
    public PasswordLoginService(AuthConfig config) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        char[] random = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
        this.unknownUserHash = OpenBSDBCrypt.generate("2b", random, salt, config.password().unknownUserCost());
    }

    /**
     * Authenticates the login page's transaction with a password and finishes it.
     *
     * @throws LoginRefusedException with the refusal; the outcome is already recorded
     */
    public LoginTransactions.Completion logIn(String transactionId, byte[] browserSessionHash, String customerId, char[] password,
                                              String address) {
        LoginTransaction transaction = QuarkusTransaction.requiringNew().call(() ->
                        transactions.ofSession(transactionId, browserSessionHash, LockModeType.NONE))
                .orElseThrow(() -> new LoginRefusedException(Refusal.LOGIN_TRANSACTION_UNKNOWN, new LoginAttempt(null, null, null)));
        String typed = customerId != null && RegistryEvents.CUSTOMER_ID.matcher(customerId).matches() ? customerId : null;
        LoginAttempt attempt = new LoginAttempt(typed, null, transaction.clientId);

        Optional<Refusal> blocked = QuarkusTransaction.requiringNew().call(() -> blocked(typed, address));
        if (blocked.isPresent()) {
            events.countedOnly(LoginMethod.PASSWORD, transaction.clientId, blocked.get());
            throw new LoginRefusedException(blocked.get(), attempt);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> authenticate(transaction.id, typed, password));
        } catch (LoginRefusedException refused) {
            QuarkusTransaction.requiringNew().run(() -> {
                throttle.recordFailure(LoginThrottle.Scope.ADDRESS, address, config.throttle().addressFailures(), config.throttle().window());
                if (typed != null && refused.refusal() == Refusal.INVALID_CREDENTIALS) {
                    throttle.recordFailure(LoginThrottle.Scope.CUSTOMER, typed, config.password().maxFailures(), config.password().lockout());
                }
                events.failed(refused.attempt(), LoginMethod.PASSWORD, refused.refusal());
            });
            throw refused;
        }
        return transactions.complete(transaction.id, browserSessionHash);
    }

    private Optional<Refusal> blocked(String customerId, String address) {
        if (throttle.blocked(LoginThrottle.Scope.ADDRESS, address, config.throttle().addressFailures(), config.throttle().window())) {
            return Optional.of(Refusal.RATE_LIMITED);
        }
        // Re-contracting is answered before the lockout: a re-contracted user is told to use the token, always.
        if (customerId != null && !recontracted(customerId)
                && throttle.blocked(LoginThrottle.Scope.CUSTOMER, customerId, config.password().maxFailures(), config.password().lockout())) {
            return Optional.of(Refusal.ACCOUNT_LOCKED);
        }
        return Optional.empty();
    }

    private void authenticate(String transactionId, String customerId, char[] password) {
        LoginTransaction transaction = LoginTransaction.<LoginTransaction>findByIdOptional(transactionId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow();
        LoginAttempt attempt = new LoginAttempt(customerId, null, transaction.clientId);
        Instant now = clock.instant();
        if (transaction.status != LoginTransaction.Status.PENDING) {
            throw new LoginRefusedException(Refusal.LOGIN_TRANSACTION_USED, attempt);
        }
        if (!now.isBefore(transaction.expiresAt)) {
            throw new LoginRefusedException(Refusal.LOGIN_TRANSACTION_EXPIRED, attempt);
        }
        if (customerId != null && recontracted(customerId)) {
            throw new LoginRefusedException(Refusal.PASSWORD_LOGIN_DISABLED, attempt);
        }
        Optional<PasswordCredential> credential = customerId == null ? Optional.empty() : PasswordCredential.find(customerId);
        boolean matches = PasswordHashes.matches(credential.map(c -> c.passwordHash).orElse(unknownUserHash), password);
        if (credential.isEmpty() || !matches) {
            throw new LoginRefusedException(Refusal.INVALID_CREDENTIALS, attempt);
        }
        BankUser user = BankUser.find(customerId).orElseThrow(() -> new LoginRefusedException(Refusal.USER_UNKNOWN, attempt));
        if (!user.services.contains(clients.find(transaction.clientId).orElseThrow().service())) {
            throw new LoginRefusedException(Refusal.SERVICE_NOT_CONTRACTED, attempt);
        }
        transaction.status = LoginTransaction.Status.AUTHENTICATED;
        transaction.customerId = customerId;
        transaction.method = LoginMethod.PASSWORD;
        transaction.authenticatedAt = now;
        throttle.reset(LoginThrottle.Scope.CUSTOMER, customerId);
        events.succeeded(customerId, null, transaction.clientId, LoginMethod.PASSWORD);
    }

    private boolean recontracted(String customerId) {
        return Recontracting.find(customerId).filter(r -> !r.effectiveAt.isAfter(clock.instant())).isPresent();
    }
}
