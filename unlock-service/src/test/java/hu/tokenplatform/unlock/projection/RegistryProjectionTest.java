package hu.tokenplatform.unlock.projection;

import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenLocked;
import hu.tokenplatform.servicekit.inbox.ProcessedEvent;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.unlock.Registry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Registry.handOver(csn, customerId);
        Registry.activate(csn, customerId);
        TokenLocked locked = new TokenLocked(csn, customerId);
        String lockedRecord = Registry.publish(locked, "service:/unlock-service");
        Registry.awaitState(csn, TokenState.LOCKED);
        Registry.activate(csn, customerId);

        // Kafka delivers at least once: the same token.locked again must not lock the token a second time.
        Registry.send(locked, lockedRecord);
        awaitTokenTopicConsumed();

        assertEquals(TokenState.ACTIVE, Registry.state(csn));
        String eventId = lockedRecord.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId)));
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
        TopicProbe.send(Registry.bootstrapServers(), Topics.REGISTRY_TOKENS, "X", "this is not an event");
        TopicProbe.send(Registry.bootstrapServers(), Topics.REGISTRY_TOKENS, "X", "{\"specversion\":\"1.0\",\"id\":\"junk-"
                + customerId + "\",\"source\":\"/token-registry\",\"type\":\"token.handed-over\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{\"handedOverAt\":\"never\"}}");

        Registry.handOver(Registry.newCsn(), customerId);
    }

    /** Topics of the test broker have one partition: once a later event is applied, every earlier one was consumed. */
    private static void awaitTokenTopicConsumed() {
        Registry.handOver(Registry.newCsn(), Registry.newCustomerId());
    }
}
