package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.pki.BankTrust;
import hu.tokenplatform.auth.pki.CertificateProfile;
import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.pki.UntrustedCertificateException;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.projection.ProjectionReads;
import hu.tokenplatform.auth.projection.TokenCertificate;
import hu.tokenplatform.auth.revocation.RevocationStatus;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The agent endpoint's decision (docs/login-protocol.md, section 4): the TLS client certificate is a valid,
 * unrevoked LOGIN certificate of the bank's CA, the login transaction is fresh and unused and bound to the same
 * client and origin, the signature over its challenge verifies with that very certificate's key, and the user
 * has the client's service on their contract. Every outcome is an event and a metric.
 */
@ApplicationScoped
public class TokenLoginService {

    static final Pattern TRANSACTION_ID = LoginChallenge.TRANSACTION_ID;
    private static final Pattern CLIENT = LoginChallenge.CLIENT;
    private static final Pattern ORIGIN = LoginChallenge.ORIGIN;
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    @Inject
    AuthConfig config;

    @Inject
    BankTrust trust;

    @Inject
    ProjectionReads projection;

    @Inject
    RevocationStatus revocation;

    @Inject
    LoginThrottle throttle;

    @Inject
    LoginOutcomes outcomes;

    @Inject
    LoginSessions sessions;

    @Inject
    Clock clock;

    /**
     * @param certificate the client certificate of the TLS session the assertion came over, null if none
     * @throws LoginRefusedException with the refusal; the outcome is already recorded
     */
    public void accept(X509Certificate certificate, LoginAssertion assertion) {
        String fingerprint = certificate == null ? null : Certificates.sha256Fingerprint(certificate);
        String client = assertion == null ? null : assertion.client();
        // Counted per certificate only: no request gets here without a bank certificate whose key is on a token,
        // while the TCP peer's address may be a whole company's NAT, or the load balancer's own (docs/auth-service.md).
        if (fingerprint != null && !QuarkusTransaction.requiringNew().call(() -> throttle.reserve(LoginThrottle.Scope.CERTIFICATE,
                fingerprint, config.throttle().certificateFailures(), config.throttle().window()))) {
            outcomes.failedWhileThrottled(LoginMethod.TOKEN, client, LoginRefusal.RATE_LIMITED);
            throw LoginRefusal.RATE_LIMITED.exception(new LoginAttempt(null, null, client));
        }
        try {
            // Outside any transaction: the chain check is CPU work, the projection read one statement of its own, and
            // the revocation answer may come from the registry over the network.
            Holder holder = identify(certificate, fingerprint, assertion);
            LoginRefusedException.unlessGood(revocation.of(holder.csn(), holder.certificateSerial()), holder.attempt());
            QuarkusTransaction.requiringNew().run(() -> authenticate(certificate, fingerprint, assertion, holder));
        } catch (LoginRefusedException refused) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (fingerprint != null && !countsAsGuess(refused.refusal())) {
                    throttle.release(LoginThrottle.Scope.CERTIFICATE, fingerprint);
                }
                outcomes.failed(refused.attempt(), LoginMethod.TOKEN, refused.refusal());
            });
            throw refused;
        }
    }

    /** Whose token and which certificate the TLS session was authenticated with. */
    private record Holder(String csn, String certificateSerial, LoginAttempt attempt) {
    }

    /** The certificate: the bank's, for login, known to the projection on its owner's token. Reads, locks nothing. */
    private Holder identify(X509Certificate certificate, String fingerprint, LoginAssertion assertion) {
        LoginAttempt attempt = new LoginAttempt(null, null, assertion == null ? null : assertion.client());
        if (certificate == null) {
            throw LoginRefusal.CLIENT_CERTIFICATE_REQUIRED.exception(attempt);
        }
        if (!wellFormed(assertion)) {
            throw LoginRefusal.INVALID_REQUEST.exception(attempt);
        }
        Instant now = clock.instant();
        try {
            trust.validate(certificate, now);
        } catch (UntrustedCertificateException e) {
            throw (e.reason() == UntrustedCertificateException.Reason.EXPIRED
                    ? LoginRefusal.CERTIFICATE_EXPIRED : LoginRefusal.CERTIFICATE_UNTRUSTED).exception(attempt);
        }
        if (!CertificateProfile.isLogin(certificate)) {
            throw LoginRefusal.CERTIFICATE_NOT_FOR_LOGIN.exception(attempt);
        }
        ProjectionReads.KnownCertificate known = projection.certificate(fingerprint)
                .orElseThrow(() -> LoginRefusal.CERTIFICATE_UNKNOWN.exception(attempt));
        LoginAttempt owner = new LoginAttempt(known.customerId(), known.csn(), assertion.client());
        if (known.usage() != TokenCertificate.Usage.LOGIN) {
            throw LoginRefusal.CERTIFICATE_NOT_FOR_LOGIN.exception(owner);
        }
        if (!known.onOwnersToken()) {
            throw LoginRefusal.CERTIFICATE_UNKNOWN.exception(owner);
        }
        return new Holder(known.csn(), known.serialNumber(), owner);
    }

    /** The login transaction, the signature over its challenge and the user's contract; the holder is still good. */
    private void authenticate(X509Certificate certificate, String fingerprint, LoginAssertion assertion, Holder holder) {
        LoginAttempt owner = holder.attempt();
        Instant now = clock.instant();
        LoginTransaction transaction = LoginTransaction.<LoginTransaction>findByIdOptional(assertion.transactionId(),
                        LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> LoginRefusal.LOGIN_TRANSACTION_UNKNOWN.exception(owner));
        if (transaction.status != LoginTransaction.Status.PENDING) {
            throw LoginRefusal.LOGIN_TRANSACTION_USED.exception(owner);
        }
        if (!now.isBefore(transaction.expiresAt)) {
            throw LoginRefusal.LOGIN_TRANSACTION_EXPIRED.exception(owner);
        }
        if (!transaction.clientId.equals(assertion.client()) || !transaction.origin.equals(assertion.origin())) {
            throw LoginRefusal.LOGIN_TRANSACTION_MISMATCH.exception(owner);
        }
        byte[] toBeSigned = LoginChallenge.toBeSigned(transaction.id, transaction.clientId, transaction.origin,
                transaction.challenge);
        if (!verifies(certificate, toBeSigned, assertion.signature())) {
            throw LoginRefusal.SIGNATURE_INVALID.exception(owner);
        }

        BankUser user = BankUser.<BankUser>findByIdOptional(owner.customerId())
                .orElseThrow(() -> LoginRefusal.USER_UNKNOWN.exception(owner));
        if (!user.services.contains(config.oidc().clients().get(transaction.clientId).service())) {
            throw LoginRefusal.SERVICE_NOT_CONTRACTED.exception(owner);
        }

        transaction.status = LoginTransaction.Status.AUTHENTICATED;
        transaction.customerId = user.customerId;
        transaction.csn = holder.csn();
        transaction.certificateSerial = holder.certificateSerial();
        transaction.method = LoginMethod.TOKEN;
        transaction.authenticatedAt = now;
        transaction.sessionId = sessions.start(user.customerId, holder.csn(), holder.certificateSerial());
        throttle.reset(LoginThrottle.Scope.CERTIFICATE, fingerprint);
        outcomes.succeeded(user.customerId, holder.csn(), transaction.clientId, LoginMethod.TOKEN);
    }

    /**
     * Refusals that prove nothing about the caller guessing do not count against the certificate: without an answer
     * about revocation the bank cannot decide (no fault of the caller's), and a transaction already used is a double
     * submission (a double click, a retry) of a login that succeeded, not a guess.
     */
    private static boolean countsAsGuess(LoginRefusal refusal) {
        return refusal != LoginRefusal.REVOCATION_STATUS_UNKNOWN && refusal != LoginRefusal.LOGIN_TRANSACTION_USED;
    }

    /** The signature must verify with the key of the certificate the TLS session was authenticated with. */
    private static boolean verifies(X509Certificate certificate, byte[] toBeSigned, String signature) {
        try {
            Signature verifier = Signature.getInstance(LoginChallenge.SIGNATURE_ALGORITHM, Certificates.BC);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(toBeSigned);
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean wellFormed(LoginAssertion assertion) {
        return assertion != null
                && matches(TRANSACTION_ID, assertion.transactionId())
                && matches(CLIENT, assertion.client())
                && matches(ORIGIN, assertion.origin())
                && matches(SIGNATURE, assertion.signature());
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
