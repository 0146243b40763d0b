package hu.tokenplatform.registry.events;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class EventPublicationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaBroker
    KafkaBroker broker;

    TopicProbe probe;

    @BeforeEach
    void subscribe() {
        probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_TOKENS, Topics.REGISTRY_USERS);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void handOverPublishesCloudEventsKeyedByCsnWithTheOfficerAsActor() {
        String[] holder = Fixtures.userWithToken(false);

        ConsumerRecord<String, String> record = probe.await(r -> holder[1].equals(r.key())
                && r.value().contains("\"token.handed-over\""), WAIT);
        CloudEvent event = EventCodec.read(record.value());
        assertEquals(Topics.REGISTRY_TOKENS, record.topic());
        assertEquals("/token-registry", event.source());
        assertEquals(holder[1], event.subject());
        assertEquals("officer.kiss", event.actor());
        assertEquals(EventCodec.SCHEMA_VERSION, event.schemaversion());
        assertNotNull(event.time());
        assertEquals("application/cloudevents+json",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        TokenHandedOver data = EventCodec.data(event, TokenHandedOver.class);
        assertEquals(holder[0], data.customerId());

        CloudEvent issued = EventCodec.read(probe.await(r -> holder[1].equals(r.key())
                && r.value().contains("\"certificate.issued\""), WAIT).value());
        CertificateIssued certificate = EventCodec.data(issued, CertificateIssued.class);
        assertEquals("LOGIN", certificate.usage());
        assertTrue(certificate.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void eventsCarryNoIdentityDocumentNumber() {
        String[] holder = Fixtures.userWithToken(false);

        probe.await(r -> holder[1].equals(r.key()) && r.value().contains("\"certificate.issued\""), WAIT);
        probe.records().forEach(r -> assertFalse(r.value().contains("123456AB"), "document number in " + r.value()));
    }

    @Test
    void reContractingDisablesPasswordLoginOnceAndForAll() {
        String customerId = Fixtures.user(false);

        given().contentType(ContentType.JSON).body(Map.of("contractReference", "EL-2026/0042"))
                .post("/users/" + customerId + "/re-contracting").then().statusCode(200)
                .body("passwordLoginEnabled", equalTo(false))
                .body("recontractedBy", equalTo("officer.kiss"))
                .body("recontractedAt", notNullValue());

        ConsumerRecord<String, String> record = probe.await(r -> customerId.equals(r.key())
                && r.value().contains("\"user.password-login-disabled\""), WAIT);
        CloudEvent event = EventCodec.read(record.value());
        assertEquals(Topics.REGISTRY_USERS, record.topic());
        assertEquals("officer.kiss", event.actor());

        given().contentType(ContentType.JSON).body(Map.of("contractReference", "EL-2026/0043"))
                .post("/users/" + customerId + "/re-contracting").then().statusCode(409)
                .body("code", equalTo("already-re-contracted"));
        given().get("/users/" + customerId).then().body("contractReference", equalTo("EL-2026/0042"));
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCannotReContract() {
        given().contentType(ContentType.JSON).body(Map.of("contractReference", "EL-1"))
                .post("/users/12345678/re-contracting").then().statusCode(403);
    }
}
