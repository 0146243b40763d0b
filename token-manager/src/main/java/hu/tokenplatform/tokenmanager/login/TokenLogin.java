package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenAbsentException;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.TokenTls;
import hu.tokenplatform.tokenmanager.device.WrongPinException;

import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * One token login (docs/login-protocol.md): the page's origin must be an allowed bank login page; the bank
 * behind that page must know the transaction as a pending login for the client the page named, and gives the
 * client's registered name, which is what the PIN window shows (never the page's string); the user enters the
 * PIN in Token Manager, the token signs the challenge bound to transaction, client and origin, and the assertion
 * goes over mutual TLS with the token's login key to the bank server configured for that origin.
 */
public final class TokenLogin {

    private final AgentConfig config;
    private final KeyStore bankTrust;
    private final TokenPort port;
    private final PinPrompt prompt;
    private final BankRelay relay;
    private final PendingLogins pendingLogins;

    public TokenLogin(AgentConfig config, TokenPort port, PinPrompt prompt, Duration bankTimeout) {
        this.config = config;
        this.bankTrust = config.trustStore();
        this.port = port;
        this.prompt = prompt;
        this.relay = new BankRelay(bankTimeout);
        this.pendingLogins = new PendingLogins(bankTrust, bankTimeout);
    }

    /** @param origin the login page's origin as the browser reported it, the one that is signed */
    public LoginOutcome logIn(TokenLoginRequest request, String origin) {
        Optional<BankServer> bank = config.bankFor(origin);
        if (bank.isEmpty()) {
            return LoginOutcome.refused("origin-not-allowed", 403);
        }
        byte[] toBeSigned;
        try {
            toBeSigned = LoginChallenge.toBeSigned(request.transactionId(), request.client(), origin, decode(request.challenge()));
        } catch (IllegalArgumentException e) {
            return LoginOutcome.refused("invalid-request", 400);
        }
        PendingLogin pending;
        try {
            Optional<PendingLogin> known = pendingLogins.find(bank.get().origin(), request.transactionId());
            if (known.isEmpty()) {
                return LoginOutcome.refused("login-transaction-unknown", 409);
            }
            pending = known.get();
        } catch (PendingLogins.BankUnreachableException e) {
            return LoginOutcome.refused("bank-unreachable", 502);
        }
        if (!pending.client().equals(request.client())) {
            return LoginOutcome.refused("client-mismatch", 403);
        }
        if (!pending.origin().equals(origin)) {
            // The bank would refuse the assertion for this very reason; no PIN is asked for a login that cannot succeed.
            return LoginOutcome.bankRefused("login-transaction-mismatch");
        }
        try (TokenDevice token = port.open()) {
            DeviceStatus status = token.status();
            if (status.state() == DeviceState.LOCKED) {
                return LoginOutcome.refused("token-locked", 409);
            }
            if (status.state() == DeviceState.BLOCKED) {
                return LoginOutcome.refused("token-blocked", 409);
            }
            Optional<X509Certificate> certificate = token.certificate(KeySlot.LOGIN);
            if (status.state() != DeviceState.READY || certificate.isEmpty()) {
                return LoginOutcome.refused("token-not-ready", 409);
            }
            if (!valid(certificate.get())) {
                return LoginOutcome.refused("certificate-expired", 409);
            }
            Optional<char[]> pin = prompt.askLoginPin(pending.clientName(), origin, status.pinTriesLeft());
            if (pin.isEmpty()) {
                return LoginOutcome.refused("pin-entry-cancelled", 409);
            }
            return signAndRelay(token, pin.get(), bank.get(), request, origin, toBeSigned);
        } catch (TokenAbsentException e) {
            return LoginOutcome.refused("token-absent", 409);
        } catch (TokenInUseException e) {
            return LoginOutcome.refused("busy", 409);
        }
    }

    private LoginOutcome signAndRelay(TokenDevice token, char[] pin, BankServer bank, TokenLoginRequest request,
                                      String origin, byte[] toBeSigned) {
        try (TokenSession session = token.login(pin)) {
            String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(session.sign(KeySlot.LOGIN, toBeSigned));
            LoginAssertion assertion = new LoginAssertion(request.transactionId(), request.client(), origin, signature);
            return relay.send(config.assertionEndpoint(bank), TokenTls.clientContext(session, bankTrust), assertion);
        } catch (WrongPinException e) {
            return LoginOutcome.wrongPin(e.triesLeft());
        } catch (TokenLockedException e) {
            return LoginOutcome.refused("token-locked", 409);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** An expired login certificate would only fail the bank's handshake; the user is told to renew it instead. */
    private static boolean valid(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    private static byte[] decode(String challenge) {
        if (challenge == null || challenge.length() > 128) {
            throw new IllegalArgumentException("challenge");
        }
        return Base64.getUrlDecoder().decode(challenge);
    }
}
