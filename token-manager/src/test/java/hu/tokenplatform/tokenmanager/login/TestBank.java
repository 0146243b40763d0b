package hu.tokenplatform.tokenmanager.login;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.TestPki;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * auth-service as Token Manager meets it (docs/login-protocol.md), on two real TLS listeners with keys of the
 * bank's TLS CA: the login page's origin, which answers {@code GET /login/v1/transactions/{id}} for pending
 * transactions with the client's registered name, and the agent endpoint, which requires a client certificate
 * from the bank CA, verifies each assertion with that certificate's key and uses a transaction once.
 */
public final class TestBank implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The names the bank registered for its clients: what the PIN window must show. */
    public static final Map<String, PendingLogin.ClientName> REGISTERED = Map.of(
            "electra", new PendingLogin.ClientName("Electra vállalati internetbank", "Electra corporate e-banking"),
            "e-posta", new PendingLogin.ClientName("e-posta biztonságos levelezés", "e-posta secure mail"));

    public record Transaction(String id, String client, String origin, byte[] challenge) {
        public String challengeBase64Url() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
        }
    }

    /** What the bank saw of an accepted login. */
    public record Accepted(LoginAssertion assertion, X509Certificate clientCertificate) {
    }

    private final TestPki pki;
    private final HttpsServer server;
    private final HttpsServer loginPage;
    private final Map<String, Transaction> open = new ConcurrentHashMap<>();
    public final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** Transaction ids Token Manager asked the login page about, in order. */
    public final List<String> lookedUp = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile String refuseNextAssertionWith;

    public TestBank(TestPki pki) {
        this(pki, 0);
    }

    /**
     * @param loginPagePort the login page's port, 0 for any free one; a screenshot that shows the page's origin asks
     *                      for a fixed one, so that it reads the same at every run
     */
    public TestBank(TestPki pki, int loginPagePort) {
        this.pki = pki;
        try {
            SSLContext tls = pki.serverContext(pki);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server.createContext(LoginAssertion.PATH, exchange -> {
                try (exchange) {
                    answer((HttpsExchange) exchange);
                }
            });
            server.start();
            loginPage = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), loginPagePort), 8);
            loginPage.setHttpsConfigurator(new HttpsConfigurator(tls));
            loginPage.createContext(PendingLogin.PATH, exchange -> {
                try (exchange) {
                    describe(exchange);
                }
            });
            loginPage.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login page's origin, where auth-service's browser-facing listener answers. */
    public String origin() {
        return "https://127.0.0.1:" + loginPage.getAddress().getPort();
    }

    public URI relay() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The CA PEM Token Manager is configured to trust for the bank's TLS servers. */
    public Path writeTrustStore(Path file) {
        try {
            Files.writeString(file, pki.caPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Transaction newTransaction(String client, String origin) {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        byte[] id = new byte[16];
        random.nextBytes(id);
        Transaction transaction = new Transaction(Base64.getUrlEncoder().withoutPadding().encodeToString(id), client, origin, challenge);
        open.put(transaction.id(), transaction);
        return transaction;
    }

    /** The next assertion is refused with {@code code}, as auth-service refuses one for a reason of its own. */
    public void refuseNextAssertion(String code) {
        refuseNextAssertionWith = code;
    }

    /** As auth-service: a pending transaction with its client's registered name; anything else is one 404. */
    private void describe(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring(PendingLogin.PATH.length());
        lookedUp.add(id);
        Transaction transaction = open.get(id);
        if (!exchange.getRequestMethod().equals("GET") || transaction == null) {
            refuse(exchange, 404, "login-transaction-unknown");
            return;
        }
        byte[] body = JSON.writeValueAsBytes(new PendingLogin(transaction.id(), transaction.client(),
                REGISTERED.getOrDefault(transaction.client(), new PendingLogin.ClientName(transaction.client(), transaction.client())),
                transaction.origin()));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void answer(HttpsExchange exchange) throws IOException {
        LoginAssertion assertion = JSON.readValue(exchange.getRequestBody().readNBytes(16 * 1024), LoginAssertion.class);
        X509Certificate client = (X509Certificate) exchange.getSSLSession().getPeerCertificates()[0];
        String refusal = refuseNextAssertionWith;
        if (refusal != null) {
            refuseNextAssertionWith = null;
            refuse(exchange, 403, refusal);
            return;
        }
        Transaction transaction = open.remove(assertion.transactionId());
        if (transaction == null) {
            refuse(exchange, 409, "login-transaction-used");
            return;
        }
        if (!transaction.client().equals(assertion.client()) || !transaction.origin().equals(assertion.origin())) {
            refuse(exchange, 403, "login-transaction-mismatch");
            return;
        }
        try {
            Signature verifier = Signature.getInstance(LoginChallenge.SIGNATURE_ALGORITHM);
            verifier.initVerify(client.getPublicKey());
            verifier.update(LoginChallenge.toBeSigned(transaction.id(), transaction.client(), transaction.origin(), transaction.challenge()));
            if (!verifier.verify(Base64.getUrlDecoder().decode(assertion.signature()))) {
                refuse(exchange, 403, "signature-invalid");
                return;
            }
        } catch (Exception e) {
            refuse(exchange, 403, "signature-invalid");
            return;
        }
        accepted.add(new Accepted(assertion, client));
        byte[] body = "{\"status\":\"authenticated\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void refuse(HttpExchange exchange, int status, String code) throws IOException {
        byte[] body = ("{\"type\":\"urn:token-platform:problem:" + code + "\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"detail\":\"free text the agent must not show\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        loginPage.stop(0);
    }
}
