package hu.tokenplatform.auth.projection;

import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestCa;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.servicekit.inbox.ProcessedEvent;
import hu.tokenplatform.testkit.PlatformTestResource;
import hu.tokenplatform.testkit.RefusedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth-service's own view of token-registry's users, tokens and certificates, fed by the real broker. */
@QuarkusTest
class RegistryProjectionTest {

    @Test
    void redeliveredEventIsAppliedOnce() {
        String customerId = TestToken.newCustomerId();
        String event = EventCodec.write(new EventCodec("/token-registry", Clock.systemUTC()).create(new UserRegistered(customerId,
                "Nagy Ádám", "CO-2", "Minta Zrt.", Set.of(ContractedService.ELECTRA), false), "officer.test"));
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, event);
        Registry.awaitProjection(() -> BankUser.findByIdOptional(customerId).isPresent());
        // A later change, then the first event once more (a redelivery): the redelivery must not undo the change.
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), true);
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, event);
        String marker = TestToken.newCustomerId();
        Registry.registerUser(marker, Set.of(ContractedService.ELECTRA), false);

        BankUser user = QuarkusTransaction.requiringNew().call(() -> BankUser.<BankUser>findByIdOptional(customerId).orElseThrow());
        assertEquals(EnumSet.allOf(ContractedService.class), user.services);
        assertTrue(user.signingRight);
    }

    @Test
    void recordsThatAreNotEventsAreSkippedAndLaterEventsStillApply() {
        Registry.publishRaw(Topics.REGISTRY_TOKENS, "junk", "{not json");
        Registry.publishRaw(Topics.REGISTRY_TOKENS, "junk", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"token.revoked\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"csn\":\"not-a-csn\"}}");
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, Set.of(ContractedService.ELECTRA), false);
        TestToken token = TestToken.personalised(customerId, false);

        Registry.handOver(token);

        TokenCertificate certificate = QuarkusTransaction.requiringNew().call(() ->
                TokenCertificate.<TokenCertificate>findByIdOptional(Certificates.sha256Fingerprint(token.loginCertificate()))
                        .orElseThrow());
        assertEquals(TokenCertificate.Usage.LOGIN, certificate.usage);
        assertEquals(token.csn(), certificate.csn);
        assertEquals(customerId, certificate.customerId);
        assertEquals(Certificates.serialHex(token.loginCertificate()), certificate.serialNumber);
    }

    @Test
    void certificateWhoseFingerprintDoesNotMatchItsPemIsNotProjected() {
        String customerId = TestToken.newCustomerId();
        TestToken token = TestToken.personalised(customerId, false);
        X509Certificate certificate = token.loginCertificate();
        Registry.publish(new CertificateIssued(Certificates.serialHex(certificate), token.csn(), customerId, "LOGIN",
                "CN=x", Instant.now(), Instant.now(), "00".repeat(32), TestCa.pem(certificate)));
        String marker = TestToken.newCustomerId();
        TestToken markerToken = TestToken.personalised(marker, false);
        Registry.handOver(markerToken);

        assertFalse(QuarkusTransaction.requiringNew().call(() ->
                TokenCertificate.findByIdOptional(Certificates.sha256Fingerprint(certificate)).isPresent()));
    }

    @Test
    void reContractingIsRecordedForGood() {
        String customerId = TestToken.newCustomerId();
        Registry.disablePasswordLogin(customerId);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> Recontracting.findByIdOptional(customerId).isPresent()));
    }

    /**
     * Issue 10's attack: one forged user.registered (source /evil) gave a user e-posta and a signing right, and the
     * login then carried those claims. Written here with the registry's own broker credential (leaked, or a bug), it
     * is refused, counted and dead-lettered; the registry's genuine event after it applies.
     */
    @Test
    void aForgedUserRegisteredFromEvilNeverReachesTheProjection() {
        String customerId = TestToken.newCustomerId();
        double before = refused(Topics.REGISTRY_USERS, "source-not-topic-owner");
        CloudEvent forged = new EventCodec("/evil", Clock.systemUTC()).create(new UserRegistered(customerId, "Kovács Éva",
                "CO-1", "Példa, Kft.", EnumSet.allOf(ContractedService.class), true), "officer.test");
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, EventCodec.write(forged));
        String marker = TestToken.newCustomerId();
        Registry.registerUser(marker, Set.of(ContractedService.ELECTRA), false);

        assertFalse(QuarkusTransaction.requiringNew().call(() -> BankUser.findByIdOptional(customerId).isPresent()),
                "the forged user.registered reached the projection");
        Registry.registerUser(customerId, Set.of(ContractedService.ELECTRA), false);

        BankUser user = QuarkusTransaction.requiringNew().call(() -> BankUser.<BankUser>findByIdOptional(customerId).orElseThrow());
        assertEquals(Set.of(ContractedService.ELECTRA), user.services);
        assertFalse(user.signingRight);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", forged.id())));
        await().atMost(Registry.WAIT).until(() -> refused(Topics.REGISTRY_USERS, "source-not-topic-owner") == before + 1);
        ConsumerRecord<String, String> deadLetter = RefusedEvents.awaitDeadLetter(PlatformTestResource.broker(),
                BrokerPrincipal.AUTH_SERVICE, forged.id(), Registry.WAIT);
        assertEquals(EventCodec.write(forged), deadLetter.value());
        assertEquals("event on registry.users refused: source-not-topic-owner", RefusedEvents.reason(deadLetter));
    }

    /** A token's hand-over belongs on registry.tokens: on registry.users it is refused, even from /token-registry. */
    @Test
    void anEventOfAnotherTopicsTypeIsRefused() {
        String customerId = TestToken.newCustomerId();
        TestToken token = TestToken.personalised(customerId, false);
        double before = refused(Topics.REGISTRY_USERS, "type-of-another-topic");
        CloudEvent misplaced = new EventCodec("/token-registry", Clock.systemUTC()).create(
                new TokenHandedOver(token.csn(), customerId, "CO-1", "BUD-01", Instant.now(), null), "officer.test");
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, EventCodec.write(misplaced));

        await().atMost(Registry.WAIT).until(() -> refused(Topics.REGISTRY_USERS, "type-of-another-topic") == before + 1);
        assertEquals("event on registry.users refused: type-of-another-topic", RefusedEvents.reason(
                RefusedEvents.awaitDeadLetter(PlatformTestResource.broker(), BrokerPrincipal.AUTH_SERVICE, misplaced.id(), Registry.WAIT)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> Token.findByIdOptional(token.csn()).isPresent()));
    }

    private static double refused(String topic, String reason) {
        return RefusedEvents.count(given().get("/q/metrics").then().statusCode(200).extract().asString(), topic, reason);
    }
}
