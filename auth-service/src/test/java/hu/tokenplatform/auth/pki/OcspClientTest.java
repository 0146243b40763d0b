package hu.tokenplatform.auth.pki;

import com.sun.net.httpserver.HttpServer;
import hu.tokenplatform.auth.pki.OcspUnavailableException.Reason;
import hu.tokenplatform.auth.support.TestBank;
import hu.tokenplatform.auth.support.TestCa;
import hu.tokenplatform.auth.support.TestOcspResponder;
import hu.tokenplatform.auth.support.TestOcspResponder.Behaviour;
import hu.tokenplatform.auth.support.TestToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * auth-service's OCSP client against token-registry's responder as the tests play it on loopback, honest and
 * turned attacker: every answer that cannot be trusted is a typed failure, never GOOD.
 */
@QuarkusTest
class OcspClientTest {

    @Inject
    OcspClient ocsp;

    @AfterEach
    void honestAgain() {
        TestBank.ocspBehaviour(Behaviour.HONEST);
    }

    @Test
    void liveCertificateIsGood() throws Exception {
        X509Certificate certificate = newCertificate(true);

        OcspStatus status = ocsp.status(certificate);

        OcspStatus.Good good = assertInstanceOf(OcspStatus.Good.class, status);
        assertTrue(Duration.between(good.thisUpdate(), Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0);
        assertEquals(1, TestBank.ocspRequestsFor(certificate.getSerialNumber()), "asked the configured responder");
    }

    @Test
    void revokedCertificateIsRevokedWithItsTimeAndReason() throws Exception {
        X509Certificate certificate = newCertificate(true);
        Instant revokedAt = TestBank.revoke(certificate.getSerialNumber(), CRLReason.CESSATION_OF_OPERATION);

        OcspStatus status = ocsp.status(certificate);

        OcspStatus.Revoked revoked = assertInstanceOf(OcspStatus.Revoked.class, status);
        assertEquals(revokedAt, revoked.revokedAt());
        assertEquals(CRLReason.CESSATION_OF_OPERATION, revoked.reason());
    }

    @Test
    void certificateTheRegistryHasNoRecordOfIsUnknown() throws Exception {
        X509Certificate certificate = newCertificate(false);

        assertInstanceOf(OcspStatus.Unknown.class, ocsp.status(certificate));
    }

    @Test
    void answerSignedByTheIssuingCaItselfIsAccepted() throws Exception {
        X509Certificate certificate = newCertificate(true);
        TestBank.ocspBehaviour(Behaviour.SIGNED_BY_ISSUING_CA);

        assertInstanceOf(OcspStatus.Good.class, ocsp.status(certificate));
    }

    static Stream<Arguments> untrustworthyAnswers() {
        return Stream.of(
                Arguments.of(Behaviour.UNTRUSTED_SIGNER, Reason.SIGNER_UNTRUSTED),
                Arguments.of(Behaviour.FORGED_CA_SIGNATURE, Reason.SIGNATURE_INVALID),
                Arguments.of(Behaviour.SIGNER_WITHOUT_OCSP_SIGNING, Reason.SIGNER_NOT_AUTHORISED),
                Arguments.of(Behaviour.EXPIRED_SIGNER, Reason.SIGNER_NOT_AUTHORISED),
                Arguments.of(Behaviour.NO_NONCE, Reason.NONCE_MISSING),
                Arguments.of(Behaviour.OTHER_SERIAL, Reason.CERT_ID_MISMATCH),
                Arguments.of(Behaviour.OTHER_ISSUER, Reason.CERT_ID_MISMATCH),
                Arguments.of(Behaviour.STALE, Reason.THIS_UPDATE_TOO_OLD),
                Arguments.of(Behaviour.FUTURE, Reason.THIS_UPDATE_IN_FUTURE),
                Arguments.of(Behaviour.NEXT_UPDATE_PASSED, Reason.NEXT_UPDATE_PASSED),
                Arguments.of(Behaviour.TRY_LATER, Reason.RESPONDER_ERROR),
                Arguments.of(Behaviour.HTTP_ERROR, Reason.HTTP_STATUS),
                Arguments.of(Behaviour.NOT_OCSP, Reason.NOT_OCSP),
                Arguments.of(Behaviour.GARBAGE, Reason.NOT_OCSP),
                Arguments.of(Behaviour.OVERSIZED, Reason.TOO_LARGE),
                Arguments.of(Behaviour.OVERSIZED_CHUNKED, Reason.TOO_LARGE),
                Arguments.of(Behaviour.SLOW, Reason.TIMEOUT),
                Arguments.of(Behaviour.HANG_UP, Reason.UNREACHABLE));
    }

    @ParameterizedTest(name = "responder {0}: refused as {1}, not kept, the next honest answer is asked for")
    @MethodSource("untrustworthyAnswers")
    void untrustworthyAnswerIsATypedFailureAndIsNeverCached(Behaviour behaviour, Reason reason) throws Exception {
        X509Certificate certificate = newCertificate(true);
        TestBank.ocspBehaviour(behaviour);

        OcspUnavailableException refused = assertThrows(OcspUnavailableException.class, () -> ocsp.status(certificate));

        assertEquals(reason, refused.reason(), refused.getMessage());
        TestBank.ocspBehaviour(Behaviour.HONEST);
        assertInstanceOf(OcspStatus.Good.class, ocsp.status(certificate), "the failure was not kept");
        assertEquals(2, TestBank.ocspRequestsFor(certificate.getSerialNumber()));
    }

    @Test
    void revokedStatusInAnUntrustworthyAnswerIsRefusedToo() {
        X509Certificate certificate = newCertificate(true);
        TestBank.revoke(certificate.getSerialNumber(), CRLReason.KEY_COMPROMISE);
        TestBank.ocspBehaviour(Behaviour.UNTRUSTED_SIGNER);

        assertEquals(Reason.SIGNER_UNTRUSTED, assertThrows(OcspUnavailableException.class, () -> ocsp.status(certificate)).reason());
    }

    @Test
    void replayedAnswerMadeForAnEarlierRequestIsRefused() throws Exception {
        OcspClient uncached = client(TestBank.ocspUrl(), Duration.ZERO);
        X509Certificate certificate = newCertificate(true);
        assertInstanceOf(OcspStatus.Good.class, uncached.status(certificate));
        TestBank.revoke(certificate.getSerialNumber(), CRLReason.KEY_COMPROMISE);
        TestBank.ocspBehaviour(Behaviour.REPLAY);

        OcspUnavailableException refused = assertThrows(OcspUnavailableException.class, () -> uncached.status(certificate));

        assertEquals(Reason.NONCE_MISMATCH, refused.reason(), "the earlier GOOD, signed and for this serial, is not believed now");
        assertEquals(2, TestBank.ocspRequestsFor(certificate.getSerialNumber()));
    }

    @Test
    void responderThatIsDownIsATypedFailure() throws Exception {
        URI nobodyListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
        OcspClient client = client(nobodyListens, Duration.ofMillis(500));

        OcspUnavailableException refused = assertThrows(OcspUnavailableException.class, () -> client.status(newCertificate(true)));

        assertEquals(Reason.UNREACHABLE, refused.reason());
    }

    @Test
    void responderIsTheConfiguredOneNeverTheOneTheCertificateNames() throws Exception {
        AtomicInteger attackerHits = new AtomicInteger();
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            attackerHits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        attacker.start();
        try {
            URI locator = URI.create("http://127.0.0.1:" + attacker.getAddress().getPort() + "/internal-admin");
            X509Certificate certificate = TestBank.ca().issue(TestCa.ecKeyPair("secp256r1").getPublic(), TestToken.newCustomerId(),
                    TestToken.newCsn(), Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.LOGIN,
                    locator, true);

            assertInstanceOf(OcspStatus.Good.class, ocsp.status(certificate));

            assertEquals(0, attackerHits.get(), "the URL in the certificate's authority information access is never fetched");
            assertEquals(1, TestBank.ocspRequestsFor(certificate.getSerialNumber()));
        } finally {
            attacker.stop(0);
        }
    }

    @Test
    void answerIsReusedWithinTheCacheTtlAndAskedForAgainAfterIt() throws Exception {
        Duration ttl = Duration.ofMillis(900);
        OcspClient client = client(TestBank.ocspUrl(), ttl);
        X509Certificate certificate = newCertificate(true);

        long started = System.nanoTime();
        assertInstanceOf(OcspStatus.Good.class, client.status(certificate));
        TestBank.revoke(certificate.getSerialNumber(), CRLReason.KEY_COMPROMISE);
        OcspStatus second = client.status(certificate);
        assumeTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(ttl) < 0, "the machine was too slow to see the cache");
        assertInstanceOf(OcspStatus.Good.class, second, "within the TTL the answer is reused");
        assertEquals(1, TestBank.ocspRequestsFor(certificate.getSerialNumber()));

        Thread.sleep(ttl.toMillis() + 100);

        assertInstanceOf(OcspStatus.Revoked.class, client.status(certificate), "after the TTL the responder is asked again");
        assertEquals(2, TestBank.ocspRequestsFor(certificate.getSerialNumber()));
    }

    @Test
    void revokedAnswerIsKeptForGoodAndNeverAskedAgain() throws Exception {
        Duration ttl = Duration.ofMillis(100);
        OcspClient client = client(TestBank.ocspUrl(), ttl);
        X509Certificate certificate = newCertificate(true);
        TestBank.revoke(certificate.getSerialNumber(), CRLReason.KEY_COMPROMISE);

        assertInstanceOf(OcspStatus.Revoked.class, client.status(certificate));
        Thread.sleep(ttl.toMillis() * 3);

        assertInstanceOf(OcspStatus.Revoked.class, client.status(certificate.getSerialNumber()));
        assertEquals(1, TestBank.ocspRequestsFor(certificate.getSerialNumber()), "a revocation is final: kept, not asked again");
    }

    /**
     * A "good" describes the registry when the question was sent, not when a slow answer arrived: reused from then
     * on, it would stand for a state older than the TTL.
     */
    @Test
    void slowAnswerIsReusedOnlyUntilTheTtlCountedFromWhenItWasAsked() throws Exception {
        OcspClient patient = new OcspClient(new OcspClient.Settings(TestBank.ocspUrl(), TestOcspResponder.SLOW_ANSWER.plusSeconds(5),
                32 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(900)), TestBank.ca().issuing,
                Clock.systemUTC(), new SimpleMeterRegistry());
        X509Certificate certificate = newCertificate(true);
        TestBank.ocspBehaviour(Behaviour.SLOW);

        assertInstanceOf(OcspStatus.Good.class, patient.status(certificate));
        TestBank.ocspBehaviour(Behaviour.HONEST);
        TestBank.revoke(certificate.getSerialNumber(), CRLReason.KEY_COMPROMISE);

        assertInstanceOf(OcspStatus.Revoked.class, patient.status(certificate), "the slow good had expired on arrival");
        assertEquals(2, TestBank.ocspRequestsFor(certificate.getSerialNumber()));
    }

    @Test
    void cacheThatCouldOutliveTheRevocationBoundIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> client(TestBank.ocspUrl(), Duration.ofSeconds(1)));

        assertTrue(refused.getMessage().contains("ocsp-cache-ttl"), refused.getMessage());
    }

    @Test
    void certificateOfAnotherIssuerIsNotAskedAbout() {
        X509Certificate foreign = TestCa.create("Other Bank").issue(TestCa.ecKeyPair("secp256r1").getPublic(), "12345678",
                "0A0B0C0D", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), TestCa.Profile.LOGIN);

        assertThrows(IllegalArgumentException.class, () -> ocsp.status(foreign));
    }

    @Test
    void certificateUnderOurIssuersNameButAnotherKeyIsNeverGood() throws Exception {
        // The CertID names the pinned CA's key, so the registry looks the serial up among its own certificates.
        X509Certificate lookalike = TestCa.create("Test Bank").issue(TestCa.ecKeyPair("secp256r1").getPublic(), "12345678",
                "0A0B0C0D", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), TestCa.Profile.LOGIN);

        assertInstanceOf(OcspStatus.Unknown.class, ocsp.status(lookalike));
    }

    @Test
    void outcomesAreCountedForOperators() throws Exception {
        ocsp.status(newCertificate(true));
        TestBank.ocspBehaviour(Behaviour.NO_NONCE);
        assertThrows(OcspUnavailableException.class, () -> ocsp.status(newCertificate(true)));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("auth_ocsp_requests_total{outcome=\"good\"}"))
                .body(containsString("auth_ocsp_requests_total{outcome=\"nonce-missing\"}"));
    }

    private static X509Certificate newCertificate(boolean recorded) {
        return TestBank.ca().issue(TestCa.ecKeyPair("secp256r1").getPublic(), TestToken.newCustomerId(), TestToken.newCsn(),
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.LOGIN, null, recorded);
    }

    private static OcspClient client(URI url, Duration cacheTtl) {
        return new OcspClient(new OcspClient.Settings(url, Duration.ofSeconds(2), 32 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(5), cacheTtl), TestBank.ca().issuing, Clock.systemUTC(), new SimpleMeterRegistry());
    }
}
