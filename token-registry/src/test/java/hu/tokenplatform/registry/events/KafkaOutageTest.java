package hu.tokenplatform.registry.events;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.servicekit.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Kafka down must not stop the bank: requests succeed, events wait in the outbox and go out when it returns. */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class KafkaOutageTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void eventsCommittedWhileTheBrokerIsDownAreDeliveredWhenItReturns() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        await().atMost(WAIT).until(() -> outboxBacklog() == 0);

        broker.stop();
        try {
            Fixtures.handOver(Fixtures.handOverRequest(customerId, csn, null)).statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("contractReference", "EL-OUTAGE"))
                    .post("/users/" + customerId + "/re-contracting").then().statusCode(200);
            given().get("/tokens/" + csn).then().body("state", equalTo("ISSUED"));
            await().atMost(WAIT).until(() -> outboxBacklog() > 0);
        } finally {
            broker.start();
        }

        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_TOKENS, Topics.REGISTRY_USERS)) {
            probe.await(r -> csn.equals(r.key()) && r.value().contains("\"token.handed-over\""), WAIT);
            probe.await(r -> csn.equals(r.key()) && r.value().contains("\"certificate.issued\""), Duration.ofSeconds(30));
            probe.await(r -> customerId.equals(r.key()) && r.value().contains("\"user.password-login-disabled\""), Duration.ofSeconds(30));
        }
        await().atMost(WAIT).until(() -> outboxBacklog() == 0);
    }

    @Test
    void aRevocationAnswersAtOnceThatItsEventsAreOnKafka() {
        String csn = Fixtures.userWithToken(false)[1];
        await().atMost(WAIT).until(() -> outboxBacklog() == 0);

        given().contentType(ContentType.JSON).body(Map.of("reason", "STOLEN"))
                .post("/tokens/" + csn + "/revocation").then().statusCode(200)
                .body("state", equalTo("REVOKED"))
                .body("servicesInformed", equalTo(true));
        // No waiting here: when the answer says so, the relay has already had Kafka acknowledge every event.
        assertEquals(0L, QuarkusTransaction.requiringNew().call(OutboxEvent::backlog));

        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_TOKENS)) {
            probe.await(r -> csn.equals(r.key()) && r.value().contains("\"token.revoked\""), Duration.ofSeconds(30));
        }
    }

    @Test
    void aRevocationWhileTheBrokerIsDownStandsAndSaysTheServicesAreNotInformedYet() {
        String csn = Fixtures.userWithToken(false)[1];
        await().atMost(WAIT).until(() -> outboxBacklog() == 0);

        broker.stop();
        try {
            given().contentType(ContentType.JSON).body(Map.of("reason", "LOST"))
                    .post("/tokens/" + csn + "/revocation").then().statusCode(200)
                    .body("state", equalTo("REVOKED"))
                    .body("csn", equalTo(csn))
                    .body("servicesInformed", equalTo(false));
            given().get("/tokens/" + csn).then().body("state", equalTo("REVOKED"));
        } finally {
            broker.start();
        }
        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_TOKENS)) {
            probe.await(r -> csn.equals(r.key()) && r.value().contains("\"token.revoked\""), WAIT);
        }
        await().atMost(WAIT).until(() -> outboxBacklog() == 0);
    }

    /** The registry_outbox_backlog gauge as Prometheus scrapes it. */
    private static double outboxBacklog() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("registry_outbox_backlog "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }
}
