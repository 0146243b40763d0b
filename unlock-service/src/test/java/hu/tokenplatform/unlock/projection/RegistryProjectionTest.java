package hu.tokenplatform.unlock.projection;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.servicekit.inbox.ProcessedEvent;
import hu.tokenplatform.testkit.PlatformTestResource;
import hu.tokenplatform.testkit.RefusedEvents;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.unlock.Registry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The copy of the registry's customers and tokens, fed by the registry's events through the real broker. */
@QuarkusTest
class RegistryProjectionTest {

    @Test
    void handedOverTokenBelongsToItsCustomer() {
        String customerId = Registry.newCustomerId();
        String csn = Registry.newCsn();

        Registry.registerUser(customerId);
        Registry.handOver(csn, customerId);

        Token token = QuarkusTransaction.requiringNew().call(() -> Token.findById(csn));
        assertEquals(customerId, token.customerId);
        assertEquals(TokenState.ISSUED, token.state);
        assertEquals("ACME-1", QuarkusTransaction.requiringNew().call(() -> Customer.<Customer>findById(customerId).companyId));
    }

    @Test
    void handOverToASecondCustomerKeepsTheFirstOwner() {
        String owner = Registry.newCustomerId();
        String other = Registry.newCustomerId();
        String csn = Registry.newCsn();
        Registry.handOver(csn, owner);

        Registry.publish(new TokenHandedOver(csn, other, "ACME-1", "BUD-01", Instant.now(), null), "forger");
        Registry.activate(csn, owner);

        assertEquals(owner, QuarkusTransaction.requiringNew().call(() -> Token.<Token>findById(csn).customerId),
                "a token's owner never changes: the helpdesk could otherwise unlock it for another caller");
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        String customerId = Registry.newCustomerId();
        String csn = Registry.newCsn();
        TokenHandedOver handedOver = new TokenHandedOver(csn, customerId, "ACME-1", "BUD-01", Instant.now(), null);
        String handOverRecord = Registry.publish(handedOver, "officer.kiss");
        Registry.awaitState(csn, TokenState.ISSUED);
        Registry.activate(csn, customerId);

        // Kafka delivers at least once: the same token.handed-over again must not make the token ISSUED again.
        Registry.send(handedOver, handOverRecord);
        awaitTokenTopicConsumed();

        assertEquals(TokenState.ACTIVE, Registry.state(csn));
        String eventId = handOverRecord.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId)));
    }

    /**
     * Issue 10: the registry has no LOCKED state any more and publishes no token.locked. One still on the topic from
     * before is a type this version does not know: it changes nothing.
     */
    @Test
    void tokenLockedFromBeforeTheUpgradeChangesNothing() {
        String customerId = Registry.newCustomerId();
        String csn = Registry.newCsn();
        Registry.handOver(csn, customerId);
        Registry.activate(csn, customerId);

        TopicProbe.send(Registry.login(), Topics.REGISTRY_TOKENS, csn, "{\"specversion\":\"1.0\",\"id\":\"locked-" + csn
                + "\",\"source\":\"/token-registry\",\"type\":\"token.locked\",\"time\":\"" + Instant.now()
                + "\",\"data\":{\"csn\":\"" + csn + "\",\"customerId\":\"" + customerId + "\"}}");
        awaitTokenTopicConsumed();

        assertEquals(TokenState.ACTIVE, Registry.state(csn));
    }

    @Test
    void revokedTokenStaysRevoked() {
        String customerId = Registry.newCustomerId();
        String csn = Registry.newCsn();
        Registry.handOver(csn, customerId);
        Registry.revoke(csn, customerId);

        Registry.publish(new TokenActivated(csn, customerId), "service:/auth-service");
        Registry.publish(new TokenHandedOver(csn, Registry.newCustomerId(), "ACME-1", "BUD-01", Instant.now(), null), "officer.kiss");
        awaitTokenTopicConsumed();

        assertEquals(TokenState.REVOKED, Registry.state(csn));
        assertEquals(customerId, QuarkusTransaction.requiringNew().call(() -> Token.<Token>findById(csn).customerId));
    }

    @Test
    void recordsThatAreNotEventsDoNotStopTheConsumer() {
        String customerId = Registry.newCustomerId();
        TopicProbe.send(Registry.login(), Topics.REGISTRY_TOKENS, "X", "this is not an event");
        TopicProbe.send(Registry.login(), Topics.REGISTRY_TOKENS, "X", "{\"specversion\":\"1.0\",\"id\":\"junk-"
                + customerId + "\",\"source\":\"/token-registry\",\"type\":\"token.handed-over\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{\"handedOverAt\":\"never\"}}");

        Registry.handOver(Registry.newCsn(), customerId);
    }

    /**
     * Issue 10: a forged hand-over, written to the registry's topic with the registry's own credential (leaked, or a
     * bug) but not from the registry, would have made the attacker the token's first owner, whom the helpdesk then
     * gives unlock codes. It is refused, counted and dead-lettered; the registry's genuine hand-over after it applies.
     */
    @Test
    void aHandOverNotFromTheRegistryNeverReachesTheProjection() {
        String owner = Registry.newCustomerId();
        String attacker = Registry.newCustomerId();
        String csn = Registry.newCsn();
        double before = refused(Topics.REGISTRY_TOKENS, "source-not-topic-owner");

        CloudEvent forged = forge("/evil", new TokenHandedOver(csn, attacker, "ACME-1", "BUD-01", Instant.now(), null));
        Registry.handOver(csn, owner);

        assertEquals(owner, QuarkusTransaction.requiringNew().call(() -> Token.<Token>findById(csn).customerId));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", forged.id())));
        await().atMost(Registry.WAIT).until(() -> refused(Topics.REGISTRY_TOKENS, "source-not-topic-owner") == before + 1);
        ConsumerRecord<String, String> deadLetter = RefusedEvents.awaitDeadLetter(PlatformTestResource.broker(),
                BrokerPrincipal.UNLOCK_SERVICE, forged.id(), Registry.WAIT);
        assertEquals(EventCodec.write(forged), deadLetter.value());
        assertEquals("event on registry.tokens refused: source-not-topic-owner", RefusedEvents.reason(deadLetter));
    }

    /** A users' event on the tokens topic is not the registry's way of speaking, whatever its source says. */
    @Test
    void anEventOfAnotherTopicsTypeIsRefused() {
        String customerId = Registry.newCustomerId();
        double before = refused(Topics.REGISTRY_TOKENS, "type-of-another-topic");
        UserRegistered user = new UserRegistered(customerId, "Kiss Anna", "EVIL-1", "Evil Kft.", Set.of(ContractedService.ELECTRA), false);
        CloudEvent forged = new EventCodec("/token-registry", Clock.systemUTC()).create(user, "forger");
        TopicProbe.send(Registry.login(), Topics.REGISTRY_TOKENS, customerId, EventCodec.write(forged));

        await().atMost(Registry.WAIT).until(() -> refused(Topics.REGISTRY_TOKENS, "type-of-another-topic") == before + 1);
        assertEquals("event on registry.tokens refused: type-of-another-topic", RefusedEvents.reason(
                RefusedEvents.awaitDeadLetter(PlatformTestResource.broker(), BrokerPrincipal.UNLOCK_SERVICE, forged.id(), Registry.WAIT)));
        assertNull(QuarkusTransaction.requiringNew().call(() -> Customer.findById(customerId)));
        Registry.registerUser(customerId);
        assertEquals("ACME-1", QuarkusTransaction.requiringNew().call(() -> Customer.<Customer>findById(customerId).companyId));
    }

    /** Sends an event under {@code source} on its catalogue topic, with the registry's broker credential. */
    private static CloudEvent forge(String source, EventData data) {
        CloudEvent event = new EventCodec(source, Clock.systemUTC()).create(data, "forger");
        TopicProbe.send(Registry.login(), data.type().topic(), data.subject(), EventCodec.write(event));
        return event;
    }

    private static double refused(String topic, String reason) {
        return RefusedEvents.count(given().get("/q/metrics").then().statusCode(200).extract().asString(), topic, reason);
    }

    /** Topics of the test broker have one partition: once a later event is applied, every earlier one was consumed. */
    private static void awaitTokenTopicConsumed() {
        Registry.handOver(Registry.newCsn(), Registry.newCustomerId());
    }
}
