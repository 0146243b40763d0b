package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.oidc.OidcClients;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Tells Token Manager which login a transaction is before it asks the user's PIN (docs/login-protocol.md): the
 * registered client and its display name, and the origin. Only a pending, unexpired transaction is described;
 * unknown, expired, authenticated and finished ones are all simply absent, so the answer tells a caller nothing
 * about transactions it could not use. Nothing secret is in it: not the challenge, not the browser session.
 */
@ApplicationScoped
public class PendingLogins {

    @Inject
    OidcClients clients;

    @Inject
    Clock clock;

    @Transactional
    public Optional<PendingLogin> describe(String transactionId) {
        if (transactionId == null || !LoginChallenge.TRANSACTION_ID.matcher(transactionId).matches()) {
            return Optional.empty();
        }
        return LoginTransaction.<LoginTransaction>findByIdOptional(transactionId)
                .filter(transaction -> transaction.status == LoginTransaction.Status.PENDING)
                .filter(transaction -> clock.instant().isBefore(transaction.expiresAt))
                .flatMap(transaction -> clients.find(transaction.clientId)
                        .map(client -> new PendingLogin(transaction.id, client.id(), client.displayName(), transaction.origin)));
    }
}
