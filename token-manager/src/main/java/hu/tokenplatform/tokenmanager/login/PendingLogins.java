package hu.tokenplatform.tokenmanager.login;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.tokencrypto.login.PendingLogin;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the bank, before any PIN is asked, which login a transaction is: auth-service's
 * {@code GET /login/v1/transactions/{id}} on the login page's own origin (docs/login-protocol.md). The server is
 * trusted only through the configured bank trust store, never the JVM's default one; plain http is possible only
 * for the loopback test origins the agent configuration allows. No redirect is followed, answers are bounded.
 */
final class PendingLogins {

    /** The bank did not give a usable answer: not reachable, not trusted, or not the answer it should be. */
    static final class BankUnreachableException extends Exception {
        BankUnreachableException() {
            super(null, null, false, false);
        }
    }

    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient client;
    private final Duration timeout;

    PendingLogins(KeyStore bankTrust, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .sslContext(trustOnly(bankTrust))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param origin the bank login page's origin, from the agent configuration
     * @return the pending login, or empty when the bank knows no pending login by that id (unknown, expired or
     *         used look the same)
     * @throws BankUnreachableException when the bank cannot be asked or answers nonsense
     */
    Optional<PendingLogin> find(String origin, String transactionId) throws BankUnreachableException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + PendingLogin.path(transactionId)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                if (response.statusCode() != 200 || !type.startsWith("application/json")) {
                    throw new BankUnreachableException();
                }
                byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
                if (bytes.length > MAX_ANSWER_BYTES) {
                    throw new BankUnreachableException();
                }
                PendingLogin login = JSON.readValue(bytes, PendingLogin.class);
                if (login == null || !login.wellFormed() || !login.transactionId().equals(transactionId)) {
                    throw new BankUnreachableException();
                }
                return Optional.of(login);
            }
        } catch (IOException e) {
            throw new BankUnreachableException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while asking the bank", e));
        }
    }

    private static SSLContext trustOnly(KeyStore bankTrust) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(bankTrust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the bank trust store cannot be used", e);
        }
    }
}
