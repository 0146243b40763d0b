package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.agent.AgentListener;
import hu.tokenplatform.auth.pki.CrlCache;
import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Parallel;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestBank;
import hu.tokenplatform.auth.support.TestCa;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.auth.support.TlsClients;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker (or a broken client) may send to the agent endpoint, each refused with its stable code or at
 * the TLS handshake: requests are crafted by hand with a JDK HTTP client, the key operations run on real
 * virtual tokens.
 */
@QuarkusTest
class AgentEndpointAttackTest {

    @Inject
    CrlCache crl;

    @Inject
    LoginThrottle throttle;

    @Inject
    EntityManager em;

    @Inject
    AgentListener listener;

    TopicProbe logins;

    @BeforeEach
    void subscribe() {
        logins = TopicProbe.subscribe(Registry.observer(), Topics.AUTH_LOGINS);
    }

    @AfterEach
    void close() {
        logins.close();
    }

    static TestToken userWithToken(boolean signingRight) {
        return Registry.userWithToken(EnumSet.allOf(ContractedService.class), signingRight);
    }

    static LoginAssertion assertion(TestToken.Open open, Browser.LoginPage page) {
        return new LoginAssertion(page.transactionId(), page.client(), Browser.origin(),
                Agent.sign(open.session(), KeySlot.LOGIN, page, page.client(), Browser.origin()));
    }

    @Test
    void theListenersTlsRunsInOpenSslAndEveryCheckBelowHoldsThere() {
        // These tests are the agent listener's checks as OpenSSL (BoringSSL) does its handshakes: the certificate
        // checks stay in the trust store's TrustManager and the handler, whoever runs the TLS.
        assertEquals("openssl", listener.tlsEngine());
        given().get("/q/metrics").then().body(containsString("auth_agent_tls_engine{engine=\"openssl\"} 1.0"));
    }

    @Test
    void clientWithoutCertificateFailsTheHandshake() {
        Browser.LoginPage page = Browser.open("electra");
        assertThrows(IOException.class, () -> Agent.post(TlsClients.withoutCertificate(),
                new LoginAssertion(page.transactionId(), "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA")));
        given().get("/q/metrics").then().body(containsString("auth_agent_tls_failures_total"));
    }

    @Test
    void certificateFromAnotherCaFailsTheHandshake() {
        TestCa foreign = TestCa.create("Other Bank");
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate certificate = foreign.issue(keys.getPublic(), TestToken.newCustomerId(), TestToken.newCsn(),
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.LOGIN);
        Browser.LoginPage page = Browser.open("electra");

        assertThrows(IOException.class, () -> Agent.post(TlsClients.withKey(keys.getPrivate(), certificate, foreign.issuing),
                new LoginAssertion(page.transactionId(), "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    void signingCertificateCannotLogIn() {
        TestToken token = userWithToken(true);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            LoginAssertion signedWithSigningKey = new LoginAssertion(page.transactionId(), "electra", Browser.origin(),
                    Agent.sign(open.session(), KeySlot.SIGNING, page, "electra", Browser.origin()));

            // Its key usage (nonRepudiation only) already fails the TLS handshake for client authentication.
            assertThrows(IOException.class, () -> Agent.post(TlsClients.tokenSlot(open.session(), KeySlot.SIGNING), signedWithSigningKey));
        }
    }

    @Test
    void bankCertificateWithoutTheLoginProfileIsRefused() throws Exception {
        String customerId = TestToken.newCustomerId();
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate bare = TestBank.ca().issue(keys.getPublic(), customerId, TestToken.newCsn(),
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.BARE);
        Browser.LoginPage page = Browser.open("electra");

        HttpResponse<String> response = Agent.post(TlsClients.withKey(keys.getPrivate(), bare),
                new LoginAssertion(page.transactionId(), "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"));

        assertEquals(403, response.statusCode());
        assertEquals("certificate-not-for-login", Agent.code(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void loginProfileCertificateTheRegistryIssuedForSigningIsRefused() throws Exception {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), true);
        TestToken token = TestToken.personalised(customerId, false);
        Registry.publish(new TokenHandedOver(token.csn(), customerId, "CO-1", "BUD-01", Instant.now(), null));
        Registry.announceCertificate(token, token.loginCertificate(), "SIGNING");
        Browser.LoginPage page = Browser.open("electra");

        try (TestToken.Open open = token.open()) {
            HttpResponse<String> response = Agent.post(TlsClients.token(open.session()), assertion(open, page));
            assertEquals("certificate-not-for-login", Agent.code(response));
        }
    }

    @Test
    void expiredCertificateFailsTheHandshake() {
        String customerId = TestToken.newCustomerId();
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate expired = TestBank.ca().issue(keys.getPublic(), customerId, TestToken.newCsn(),
                Instant.now().minus(10, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS), TestCa.Profile.LOGIN);
        Browser.LoginPage page = Browser.open("electra");

        assertThrows(IOException.class, () -> Agent.post(TlsClients.withKey(keys.getPrivate(), expired),
                new LoginAssertion(page.transactionId(), "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    void replayedAssertionIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            LoginAssertion assertion = assertion(open, page);
            assertEquals(200, Agent.post(TlsClients.token(open.session()), assertion).statusCode());

            HttpResponse<String> replay = Agent.post(TlsClients.token(open.session()), assertion);

            assertEquals(409, replay.statusCode());
            assertEquals("login-transaction-used", Agent.code(replay));
        }
        logins.await(r -> token.customerId().equals(r.key()) && r.value().contains("\"login-transaction-used\""), Registry.WAIT);
    }

    @Test
    void doubleSubmissionsBeyondTheLimitDoNotLockTheCertificateOut() throws Exception {
        TestToken token = userWithToken(false);
        try (TestToken.Open open = token.open()) {
            Browser.LoginPage page = Browser.open("electra");
            LoginAssertion assertion = assertion(open, page);
            assertEquals(200, Agent.post(TlsClients.token(open.session()), assertion).statusCode());

            // A double click, or a retry after a lost answer: more often than the certificate's limit (10).
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> again = Agent.post(TlsClients.token(open.session()), assertion);
                assertEquals("login-transaction-used", Agent.code(again), "submission " + i);
            }
        }

        assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded());
    }

    @Test
    void agentListenerRefusesCbcSuitesAndAcceptsAeadSuitesAndTls13() throws Exception {
        TestToken token = userWithToken(false);
        try (TestToken.Open open = token.open()) {
            SSLContext tls = TlsClients.token(open.session());
            for (String cbc : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")) {
                assertThrows(SSLHandshakeException.class, () -> handshake(tls, "TLSv1.2", cbc), cbc);
            }
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", handshake(tls, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
            assertEquals("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                    handshake(tls, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
            assertEquals("TLS_AES_256_GCM_SHA384", handshake(tls, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        }
    }

    /** A JSSE client offering one protocol and one cipher suite: the suite the handshake agreed on. */
    private static String handshake(SSLContext tls, String protocol, String cipherSuite) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", Agent.port())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[]{protocol});
            socket.setEnabledCipherSuites(new String[]{cipherSuite});
            socket.startHandshake();
            assertEquals(protocol, socket.getSession().getProtocol());
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void expiredLoginTransactionIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        Browser.LoginPage page = Browser.open("electra");
        QuarkusTransaction.requiringNew().run(() -> LoginTransaction.<LoginTransaction>findById(page.transactionId()).expiresAt =
                Instant.now().minusSeconds(1));
        try (TestToken.Open open = token.open()) {
            HttpResponse<String> response = Agent.post(TlsClients.token(open.session()), assertion(open, page));

            assertEquals(410, response.statusCode());
            assertEquals("login-transaction-expired", Agent.code(response));
        }
    }

    @Test
    void signatureByAnotherTokensKeyIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        TestToken other = userWithToken(false);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open(); TestToken.Open otherOpen = other.open()) {
            LoginAssertion signedByOther = assertion(otherOpen, page);

            HttpResponse<String> response = Agent.post(TlsClients.token(open.session()), signedByOther);

            assertEquals(403, response.statusCode());
            assertEquals("signature-invalid", Agent.code(response));
        }
    }

    @Test
    void signatureWithTheSameTokensSigningKeyIsRefused() throws Exception {
        TestToken token = userWithToken(true);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            LoginAssertion signedWithSigningKey = new LoginAssertion(page.transactionId(), "electra", Browser.origin(),
                    Agent.sign(open.session(), KeySlot.SIGNING, page, "electra", Browser.origin()));

            assertEquals("signature-invalid", Agent.code(Agent.post(TlsClients.token(open.session()), signedWithSigningKey)));
        }
    }

    @Test
    void assertionForAnotherClientOrOriginIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            SSLContext tls = TlsClients.token(open.session());
            LoginAssertion otherClient = new LoginAssertion(page.transactionId(), "e-posta", Browser.origin(),
                    Agent.sign(open.session(), KeySlot.LOGIN, page, "e-posta", Browser.origin()));
            LoginAssertion otherOrigin = new LoginAssertion(page.transactionId(), "electra", "https://login.evil.test",
                    Agent.sign(open.session(), KeySlot.LOGIN, page, "electra", "https://login.evil.test"));

            assertEquals("login-transaction-mismatch", Agent.code(Agent.post(tls, otherClient)));
            assertEquals("login-transaction-mismatch", Agent.code(Agent.post(TlsClients.token(open.session()), otherOrigin)));
            // The transaction is still usable by the genuine assertion.
            assertEquals(200, Agent.post(TlsClients.token(open.session()), assertion(open, page)).statusCode());
        }
    }

    @Test
    void unknownTransactionIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        try (TestToken.Open open = token.open()) {
            HttpResponse<String> response = Agent.post(TlsClients.token(open.session()),
                    new LoginAssertion("AAAAAAAAAAAAAAAAAAAAAA", "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"));
            assertEquals(404, response.statusCode());
            assertEquals("login-transaction-unknown", Agent.code(response));
        }
    }

    @Test
    void bodyWithAnUnknownFieldIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            String body = "{\"transactionId\":\"" + page.transactionId() + "\",\"client\":\"electra\",\"origin\":\""
                    + Browser.origin() + "\",\"signature\":\"AAAAAAAAAAAAAAAAAAAAAAAA\",\"pin\":\"1234\"}";
            HttpResponse<String> response = Agent.post(TlsClients.token(open.session()), body);
            assertEquals(400, response.statusCode());
            assertEquals("invalid-request", Agent.code(response));
        }
    }

    @Test
    void certificateRevokedOnlyInTheCrlIsRefused() throws Exception {
        TestToken token = userWithToken(false);
        TestBank.revokeInCrl(token.loginCertificate().getSerialNumber(), crl);
        Browser.LoginPage page = Browser.open("electra");
        try (TestToken.Open open = token.open()) {
            assertEquals("certificate-revoked", Agent.code(Agent.post(TlsClients.token(open.session()), assertion(open, page))));
        }
    }

    @Test
    void staleCrlFailsClosed() throws Exception {
        TestToken token = userWithToken(false);
        whileTheCrlIsStale(() -> {
            given().get("/q/health/ready").then().statusCode(503);
            Browser.LoginPage page = Browser.open("electra");
            try (TestToken.Open open = token.open()) {
                HttpResponse<String> response = Agent.post(TlsClients.token(open.session()), assertion(open, page));
                assertEquals(503, response.statusCode());
                assertEquals("revocation-status-unknown", Agent.code(response));
            }
        });
    }

    /** Runs {@code steps} while auth-service holds only a CRL past its nextUpdate, then serves a fresh one again. */
    private void whileTheCrlIsStale(Steps steps) throws Exception {
        try {
            TestBank.publishCrl(Instant.now().plusSeconds(2));
            crl.refresh();
            await().atMost(Duration.ofSeconds(10)).until(() -> crl.status() == CrlCache.Status.STALE);
            steps.run();
        } finally {
            TestBank.publishCrl(Instant.now().plus(1, ChronoUnit.DAYS));
            crl.refresh();
        }
    }

    private interface Steps {
        void run() throws Exception;
    }

    @Test
    void failedAttemptsAreRateLimitedPerCertificate() throws Exception {
        TestToken token = userWithToken(false);
        try (TestToken.Open open = token.open()) {
            for (int i = 0; i < 10; i++) {
                Agent.post(TlsClients.token(open.session()),
                        new LoginAssertion("AAAAAAAAAAAAAAAAAAAAAA", "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"));
            }
            Browser.LoginPage page = Browser.open("electra");

            HttpResponse<String> genuine = Agent.post(TlsClients.token(open.session()), assertion(open, page));

            assertEquals(429, genuine.statusCode());
            assertEquals("rate-limited", Agent.code(genuine));
        }
        // Another certificate from the same address is not affected.
        TestToken other = userWithToken(false);
        assertTrue(Agent.logIn(other, Browser.open("electra")).succeeded());
    }

    @Test
    void parallelRefusedAssertionsStopAtTheCertificateLimit() throws Exception {
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate neverAnnounced = TestBank.ca().issue(keys.getPublic(), TestToken.newCustomerId(), TestToken.newCsn(),
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.LOGIN);
        SSLContext tls = TlsClients.withKey(keys.getPrivate(), neverAnnounced);
        Browser.LoginPage page = Browser.open("electra");

        List<String> codes = Parallel.atOnce(30, i -> Agent.code(Agent.post(tls,
                new LoginAssertion(page.transactionId(), "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"))));

        assertEquals(10, Collections.frequency(codes, "certificate-unknown"), "assertions checked: " + codes);
        assertEquals(20, Collections.frequency(codes, "rate-limited"), "rate-limited answers: " + codes);
    }

    @Test
    void passwordFailuresFromAnAddressDoNotStopTokenLoginsFromIt() throws Exception {
        TestToken token = userWithToken(false);
        // Every test request comes from 127.0.0.1 and the test limit per address is 1000: the login page's count for
        // this address is brought to its last failure, which a wrong password then uses up.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into login_throttle (scope, subject, window_start, failures) values ('ADDRESS', '127.0.0.1', now(), 999) "
                                + "on conflict (scope, subject) do update set window_start = now(), failures = 999")
                .executeUpdate());
        try {
            Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "127.0.0.1").then().statusCode(401);
            Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "127.0.0.1").then().statusCode(429);

            assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded());
            try (TestToken.Open open = token.open()) {
                HttpResponse<String> refused = Agent.post(TlsClients.token(open.session()),
                        new LoginAssertion("AAAAAAAAAAAAAAAAAAAAAA", "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"));
                assertEquals("login-transaction-unknown", Agent.code(refused));
            }
        } finally {
            QuarkusTransaction.requiringNew().run(() -> throttle.reset(LoginThrottle.Scope.ADDRESS, "127.0.0.1"));
        }
    }

    @Test
    void refusalsWhileNoFreshCrlIsHeldDoNotCountAgainstTheCertificate() throws Exception {
        TestToken token = userWithToken(false);
        whileTheCrlIsStale(() -> {
            try (TestToken.Open open = token.open()) {
                for (int i = 0; i < 12; i++) {
                    HttpResponse<String> response = Agent.post(TlsClients.token(open.session()),
                            new LoginAssertion("AAAAAAAAAAAAAAAAAAAAAA", "electra", Browser.origin(), "AAAAAAAAAAAAAAAAAAAAAAAA"));
                    assertEquals("revocation-status-unknown", Agent.code(response), "attempt " + i);
                }
            }
        });

        assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded());
    }

    @Test
    void agentListenerServesOnlyTheAssertionEndpoint() throws Exception {
        TestToken token = userWithToken(false);
        try (TestToken.Open open = token.open()) {
            var client = java.net.http.HttpClient.newBuilder().sslContext(TlsClients.token(open.session())).build();
            var response = client.send(java.net.http.HttpRequest.newBuilder(Agent.endpoint().resolve("/oidc/authorize")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
        }
    }
}
