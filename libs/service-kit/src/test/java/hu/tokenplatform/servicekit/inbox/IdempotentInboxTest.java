package hu.tokenplatform.servicekit.inbox;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventOrigin;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.UserRegistered;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox as a service's consumer uses it, with records as Kafka would deliver them: each event applied once, and
 * only if it comes from its topic's owner. The application plays unlock-service, which reads the registry's topics.
 */
@QuarkusTest
class IdempotentInboxTest {

    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    IdempotentInbox inbox;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final List<CloudEvent> applied = new ArrayList<>();

    @Test
    void anEventDeliveredAgainIsAppliedOnce() {
        String event = fromRegistry(userRegistered());

        inbox.accept(record(Topics.REGISTRY_USERS, event), applied::add);
        inbox.accept(record(Topics.REGISTRY_USERS, event), applied::add);

        assertEquals(1, applied.size());
        String id = applied.get(0).id();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.findByIdOptional(id).isPresent()),
                "the event id is recorded");
    }

    @Test
    void anEventWhoseHandlerFailsIsNotRecordedAndIsAppliedWhenDeliveredAgain() {
        String event = fromRegistry(userRegistered());

        assertThrows(RuntimeException.class, () -> inbox.accept(record(Topics.REGISTRY_USERS, event), e -> {
            throw new IllegalStateException("projection unavailable");
        }));
        inbox.accept(record(Topics.REGISTRY_USERS, event), applied::add);

        assertEquals(1, applied.size());
    }

    @Test
    void anEventFromAnotherServiceThanTheTopicsOwnerIsRefusedAndApplyNothing() {
        CloudEvent forged = new EventCodec("/auth-service", clock).create(userRegistered(), "mallory");
        double before = refusals(Topics.REGISTRY_USERS, EventOrigin.Refusal.SOURCE_NOT_TOPIC_OWNER);

        RefusedEventException refused = assertThrows(RefusedEventException.class,
                () -> inbox.accept(record(Topics.REGISTRY_USERS, EventCodec.write(forged)), applied::add));

        assertEquals(EventOrigin.Refusal.SOURCE_NOT_TOPIC_OWNER, refused.refusal());
        assertEquals("event on registry.users refused: source-not-topic-owner", refused.getMessage());
        assertTrue(applied.isEmpty());
        assertEquals(before + 1, refusals(Topics.REGISTRY_USERS, EventOrigin.Refusal.SOURCE_NOT_TOPIC_OWNER));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.findByIdOptional(forged.id()).isPresent()),
                "a refused event uses up no event id");
    }

    @Test
    void anEventOfTheOwnerOnAnotherOfItsTopicsIsRefused() {
        String tokenEvent = fromRegistry(new TokenActivated("0A1B2C3D", "12345678"));

        RefusedEventException refused = assertThrows(RefusedEventException.class,
                () -> inbox.accept(record(Topics.REGISTRY_USERS, tokenEvent), applied::add));

        assertEquals(EventOrigin.Refusal.TYPE_OF_ANOTHER_TOPIC, refused.refusal());
        assertTrue(applied.isEmpty());
    }

    @Test
    void aForgedEventDoesNotUseUpTheIdOfTheGenuineOne() {
        CloudEvent genuine = new EventCodec("/token-registry", clock).create(userRegistered(), "officer.kiss");
        CloudEvent forged = new CloudEvent(genuine.specversion(), genuine.id(), "/auth-service", genuine.type(),
                genuine.subject(), genuine.time(), genuine.datacontenttype(), genuine.schemaversion(), genuine.actor(),
                genuine.data());

        assertThrows(RefusedEventException.class,
                () -> inbox.accept(record(Topics.REGISTRY_USERS, EventCodec.write(forged)), applied::add));
        inbox.accept(record(Topics.REGISTRY_USERS, EventCodec.write(genuine)), applied::add);

        assertEquals(List.of(genuine.id()), applied.stream().map(CloudEvent::id).toList());
    }

    @Test
    void aRecordThatIsNotAnEventIsSkipped() {
        inbox.accept(record(Topics.REGISTRY_USERS, "{\"not\": \"an event\"}"), applied::add);
        inbox.accept(record(Topics.REGISTRY_USERS, "\u0000garbage"), applied::add);

        assertTrue(applied.isEmpty());
    }

    @Test
    void everyTopicTheServiceReadsStartsAtZeroRefusals() {
        for (String topic : List.of(Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS)) {
            for (EventOrigin.Refusal refusal : EventOrigin.Refusal.values()) {
                assertTrue(registry.find(IdempotentInbox.REFUSED_METRIC).tag("topic", topic).tag("reason", refusal.code())
                        .counter() != null, topic + " " + refusal.code());
            }
        }
    }

    private String fromRegistry(EventData data) {
        return EventCodec.write(new EventCodec("/token-registry", clock).create(data, "officer.kiss"));
    }

    private static UserRegistered userRegistered() {
        String customerId = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return new UserRegistered(customerId, "Kiss Anna", "company-1", "Példa Kft.", Set.of(), false);
    }

    private static ConsumerRecord<String, String> record(String topic, String value) {
        return new ConsumerRecord<>(topic, 0, OFFSETS.incrementAndGet(), "key", value);
    }

    private double refusals(String topic, EventOrigin.Refusal refusal) {
        return registry.get(IdempotentInbox.REFUSED_METRIC).tag("topic", topic).tag("reason", refusal.code()).counter().count();
    }
}
