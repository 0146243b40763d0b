package hu.tokenplatform.auth.password;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginAttempt;
import hu.tokenplatform.auth.login.LoginOutcomes;
import hu.tokenplatform.auth.login.LoginMethod;
import hu.tokenplatform.auth.login.LoginRefusedException;
import hu.tokenplatform.auth.login.LoginSessions;
import hu.tokenplatform.auth.login.LoginThrottle;
import hu.tokenplatform.auth.login.LoginTransaction;
import hu.tokenplatform.auth.login.LoginTransactions;
import hu.tokenplatform.auth.login.LoginRefusal;
import hu.tokenplatform.auth.oidc.OidcClients;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.projection.Recontracting;
import hu.tokenplatform.events.Identifiers;
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
 * exactly like wrong passwords, after a hash check of the same cost, and lock the same way. Every attempt is
 * counted against its customer identifier and address before its hash is checked, so that parallel attempts get
 * no more guesses than sequential ones.
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
    LoginOutcomes outcomes;

    @Inject
    LoginSessions sessions;

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
                .orElseThrow(() -> LoginRefusal.LOGIN_TRANSACTION_UNKNOWN.exception(LoginAttempt.UNKNOWN));
        String typed = Identifiers.isCustomerId(customerId) ? customerId : null;
        LoginAttempt attempt = new LoginAttempt(typed, null, transaction.clientId);

        String countedCustomer;
        try {
            countedCustomer = QuarkusTransaction.requiringNew().call(() -> countAttempt(typed, address, attempt));
        } catch (LoginRefusedException limited) {
            outcomes.failedWhileThrottled(LoginMethod.PASSWORD, transaction.clientId, limited.refusal());
            throw limited;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> authenticate(transaction.id, typed, password, address));
        } catch (LoginRefusedException refused) {
            QuarkusTransaction.requiringNew().run(() -> {
                // Only a wrong password is a guess; "use your token", an expired page or a missing service are not.
                if (refused.refusal() != LoginRefusal.INVALID_CREDENTIALS) {
                    throttle.release(LoginThrottle.Scope.ADDRESS, address);
                    if (countedCustomer != null) {
                        throttle.release(LoginThrottle.Scope.CUSTOMER, countedCustomer);
                    }
                }
                outcomes.failed(refused.attempt(), LoginMethod.PASSWORD, refused.refusal());
            });
            throw refused;
        }
        return transactions.complete(transaction.id, browserSessionHash);
    }

    /**
     * Counts the attempt as a failure on the address and the customer identifier before the password is checked,
     * or refuses it if either is at its limit; a refusal rolls back the counts taken so far.
     *
     * @return the customer identifier counted on, null if none (no valid identifier, or re-contracted)
     */
    private String countAttempt(String customerId, String address, LoginAttempt attempt) {
        if (!throttle.reserve(LoginThrottle.Scope.ADDRESS, address, config.throttle().addressFailures(), config.throttle().window())) {
            throw LoginRefusal.RATE_LIMITED.exception(attempt);
        }
        // Re-contracting is answered before the lockout: a re-contracted user is told to use the token, always.
        if (customerId == null || recontracted(customerId)) {
            return null;
        }
        if (!throttle.reserve(LoginThrottle.Scope.CUSTOMER, customerId, config.password().maxFailures(), config.password().lockout())) {
            throw LoginRefusal.ACCOUNT_LOCKED.exception(attempt);
        }
        return customerId;
    }

    private void authenticate(String transactionId, String customerId, char[] password, String address) {
        LoginTransaction transaction = LoginTransaction.<LoginTransaction>findByIdOptional(transactionId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow();
        LoginAttempt attempt = new LoginAttempt(customerId, null, transaction.clientId);
        Instant now = clock.instant();
        if (transaction.status != LoginTransaction.Status.PENDING) {
            throw LoginRefusal.LOGIN_TRANSACTION_USED.exception(attempt);
        }
        if (!now.isBefore(transaction.expiresAt)) {
            throw LoginRefusal.LOGIN_TRANSACTION_EXPIRED.exception(attempt);
        }
        if (customerId != null && recontracted(customerId)) {
            throw LoginRefusal.PASSWORD_LOGIN_DISABLED.exception(attempt);
        }
        Optional<PasswordCredential> credential = customerId == null ? Optional.empty()
                : PasswordCredential.findByIdOptional(customerId);
        boolean matches = PasswordHashes.matches(credential.map(c -> c.passwordHash).orElse(unknownUserHash), password);
        if (credential.isEmpty() || !matches) {
            throw LoginRefusal.INVALID_CREDENTIALS.exception(attempt);
        }
        BankUser user = BankUser.<BankUser>findByIdOptional(customerId)
                .orElseThrow(() -> LoginRefusal.USER_UNKNOWN.exception(attempt));
        if (!user.services.contains(clients.find(transaction.clientId).orElseThrow().service())) {
            throw LoginRefusal.SERVICE_NOT_CONTRACTED.exception(attempt);
        }
        transaction.status = LoginTransaction.Status.AUTHENTICATED;
        transaction.customerId = customerId;
        transaction.method = LoginMethod.PASSWORD;
        transaction.authenticatedAt = now;
        transaction.sessionId = sessions.start(customerId, null, null);
        throttle.reset(LoginThrottle.Scope.CUSTOMER, customerId);
        throttle.release(LoginThrottle.Scope.ADDRESS, address);
        outcomes.succeeded(customerId, null, transaction.clientId, LoginMethod.PASSWORD);
    }

    private boolean recontracted(String customerId) {
        return Recontracting.<Recontracting>findByIdOptional(customerId)
                .filter(r -> !r.effectiveAt.isAfter(clock.instant())).isPresent();
    }
}
