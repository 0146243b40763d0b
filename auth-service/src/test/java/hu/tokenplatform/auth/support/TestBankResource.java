package hu.tokenplatform.auth.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The bank around auth-service in tests: a throw-away PKI (issuing CA as trust anchor, TLS key for the agent
 * listener), a CRL distribution point on loopback that serves whatever {@code crl.der} holds, token-registry's OCSP
 * responder on loopback ({@link TestOcspResponder}), and the public origin and relying-party registrations. Tests reach the same files through {@link TestBank}.
 */
public class TestBankResource implements QuarkusTestResourceLifecycleManager {

    /** Config property naming the directory with the test PKI. */
    public static final String DIR_PROPERTY = "test.bank.dir";
    public static final String ELECTRA_SECRET = "electra-test-secret-0123456789abcdefghijklmnop";
    public static final String EPOSTA_SECRET = "e-posta-test-secret-0123456789abcdefghijklmnop";
    public static final String ELECTRA_CALLBACK = "https://electra.test/oidc/callback";
    public static final String EPOSTA_CALLBACK = "https://e-posta.test/oidc/callback";
    public static final String PUBLIC_CALLBACK = "http://127.0.0.1:1/callback";

    private HttpServer crlServer;
    private TestOcspResponder ocspResponder;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-bank-" + UUID.randomUUID().toString().substring(0, 8))).toAbsolutePath();
            TestCa ca = TestCa.create("Test Bank");
            ca.store(dir.resolve(TestBank.CA_FILE));
            TestCa.write(dir.resolve("issuing-ca.pem"), TestCa.pem(ca.issuing));
            TestCa.write(dir.resolve(TestBank.TLS_CA_FILE), TestCa.pem(ca.root));
            KeyPair tlsKeys = TestCa.ecKeyPair("secp256r1");
            TestCa.write(dir.resolve("agent-tls.crt"), TestCa.pem(ca.tlsServer(tlsKeys.getPublic())) + TestCa.pem(ca.root));
            TestCa.write(dir.resolve("agent-tls.key"), TestCa.pem("PRIVATE KEY", tlsKeys.getPrivate().getEncoded()));
            Instant now = Instant.now();
            Files.write(dir.resolve(TestBank.CRL_FILE), ca.crl(Map.of(), 1, now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS)).getEncoded());

            crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            crlServer.createContext("/crl", exchange -> {
                byte[] crl = Files.readAllBytes(dir.resolve(TestBank.CRL_FILE));
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(crl);
                }
            });
            crlServer.start();
            ocspResponder = TestOcspResponder.start(dir, ca);

            int httpPort = freePort();
            String origin = "http://127.0.0.1:" + httpPort;
            Map<String, String> config = new HashMap<>();
            config.put(DIR_PROPERTY, dir.toString());
            config.put("quarkus.http.test-port", String.valueOf(httpPort));
            config.put("auth.public-origin", origin);
            config.put("auth.trust.issuing-ca", dir.resolve("issuing-ca.pem").toString());
            config.put("auth.revocation.crl-url", "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/crl");
            config.put("auth.revocation.ocsp-url", ocspResponder.url().toString());
            config.put("quarkus.tls.agent.key-store.pem.0.cert", dir.resolve("agent-tls.crt").toString());
            config.put("quarkus.tls.agent.key-store.pem.0.key", dir.resolve("agent-tls.key").toString());
            config.put("quarkus.tls.agent.trust-store.pem.certs", dir.resolve("issuing-ca.pem").toString());
            config.put("auth.oidc.clients.electra.redirect-uris", ELECTRA_CALLBACK);
            config.put("auth.oidc.clients.electra.secret-hash", TestBank.secretHash(ELECTRA_SECRET));
            config.put("auth.oidc.clients.e-posta.redirect-uris", EPOSTA_CALLBACK);
            config.put("auth.oidc.clients.e-posta.secret-hash", TestBank.secretHash(EPOSTA_SECRET));
            // A public client (no secret: PKCE alone), to test that path of the token endpoint.
            config.put("auth.oidc.clients.public-test.service", "E_POSTA");
            config.put("auth.oidc.clients.public-test.redirect-uris", PUBLIC_CALLBACK);
            config.put("auth.oidc.clients.public-test.display-name.hu", "Nyilvános tesztkliens");
            config.put("auth.oidc.clients.public-test.display-name.en", "Public test client");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (crlServer != null) {
            crlServer.stop(0);
        }
        if (ocspResponder != null) {
            ocspResponder.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
