package hu.tokenplatform.servicekit.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.TraceContext;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.EPinSet;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.servicekit.inbox.IdempotentInbox;
import hu.tokenplatform.servicekit.inbox.RefusedEventException;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.TopicProbe;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across Kafka: the event a transaction writes carries that transaction's W3C trace context in its
 * CloudEvents {@code traceparent} and {@code tracestate}, its publish and its processing are spans of that trace, and
 * a malformed context, in the outbox or on a consumed event, is dropped rather than followed. The application plays
 * unlock-service: it publishes e-PIN events and reads the registry's topics.
 */
@QuarkusTest
class TraceAcrossKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    EventOutbox outbox;

    @Inject
    IdempotentInbox inbox;

    @Inject
    Tracer tracer;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private TopicProbe probe;

    @BeforeEach
    void watch() {
        probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.UNLOCK_EVENTS);
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void aRelayedEventCarriesTheTraceContextOfTheTransactionThatWroteIt() {
        String customerId = newCustomerId();
        Span request = tracer.spanBuilder("POST /e-pins").setParent(remoteParent("bank=t61")).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            appendInOwnTransaction(customerId, null, null);
        } finally {
            request.end();
        }

        TraceContext carried = published(customerId).traceContext().orElseThrow();

        assertEquals(TRACE_ID, carried.traceId());
        assertEquals(request.getSpanContext().getSpanId(), carried.parentId(), "the span that wrote the event");
        assertEquals("bank=t61", carried.tracestate());
        SpanData publish = await().atMost(WAIT).until(() -> span(TRACE_ID, "publish " + Topics.UNLOCK_EVENTS,
                request.getSpanContext().getSpanId()), s -> s != null);
        assertEquals(SpanKind.PRODUCER, publish.getKind());
    }

    @Test
    void aMalformedTraceparentInTheOutboxIsDroppedAndTheEventStillLeaves() {
        for (String malformed : List.of(
                "00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01",
                "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01",
                "ff-" + TRACE_ID + "-" + PARENT_ID + "-01",
                "00-" + TRACE_ID.replace('4', 'g') + "-" + PARENT_ID + "-01")) {
            String customerId = newCustomerId();
            inATrace(() -> appendInOwnTransaction(customerId, malformed, "bank=t61"));

            CloudEvent event = published(customerId);

            assertTrue(event.traceContext().isEmpty(), malformed);
            assertFalse(probe.records().stream().filter(r -> customerId.equals(r.key())).findFirst().orElseThrow()
                    .value().contains("traceparent"), "no traceparent at all on the record");
        }
    }

    @Test
    void aMalformedTracestateInTheOutboxIsDroppedAloneAndTheTraceIsKept() {
        String customerId = newCustomerId();
        String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
        inATrace(() -> appendInOwnTransaction(customerId, traceparent, "bank=t61,Not A Key=\u00e9"));

        CloudEvent event = published(customerId);

        assertEquals(traceparent, event.traceparent());
        assertNull(event.tracestate());
    }

    @Test
    void anEventThatCannotTakeItsTraceContextStillLeavesAsWrittenRatherThanBlockingTheOutbox() {
        String customerId = newCustomerId();
        String unreadable = "{\"specversion\":\"0.3\"}";
        inATrace(() -> QuarkusTransaction.requiringNew().run(() -> {
            CloudEvent event = outbox.append(new EPinSet(customerId, true, false, clock.instant()), "officer.kiss");
            em.createNativeQuery("update outbox_event set payload = ?1 where event_id = ?2")
                    .setParameter(1, unreadable).setParameter(2, event.id()).executeUpdate();
        }));

        assertEquals(unreadable, probe.await(r -> customerId.equals(r.key()), WAIT).value());
    }

    @Test
    void aConsumedEventIsProcessedAsAChildOfTheTraceItCarries() {
        CloudEvent event = fromRegistry().withTraceContext(new TraceContext("00-" + TRACE_ID + "-" + PARENT_ID + "-01", null));
        AtomicReference<SpanContext> processedIn = new AtomicReference<>();

        inbox.accept(record(EventCodec.write(event)), e -> processedIn.set(Span.current().getSpanContext()));

        assertEquals(TRACE_ID, processedIn.get().getTraceId());
        SpanData process = span(TRACE_ID, "process " + Topics.REGISTRY_USERS, PARENT_ID);
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals(processedIn.get().getSpanId(), process.getSpanId(), "the handler runs in the process span");
        assertEquals(event.id(), process.getAttributes().asMap().entrySet().stream()
                .filter(a -> a.getKey().getKey().equals("cloudevents.event_id")).findFirst().orElseThrow().getValue());
    }

    @Test
    void aConsumedEventWithAMalformedTraceparentIsProcessedInATraceOfItsOwn() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String malformed : List.of(
                "00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01",
                "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01",
                "00-" + TRACE_ID + "-" + PARENT_ID + "-01-extra",
                "00-" + TRACE_ID + "-" + PARENT_ID + "-01" + "x".repeat(10_000),
                "not a trace")) {
            ObjectNode event = (ObjectNode) json.readTree(EventCodec.write(fromRegistry()));
            event.put("traceparent", malformed);
            event.put("tracestate", "bank=t61");
            AtomicReference<SpanContext> processedIn = new AtomicReference<>();

            inbox.accept(record(json.writeValueAsString(event)), e -> processedIn.set(Span.current().getSpanContext()));

            assertTrue(processedIn.get().isValid(), "still traced");
            assertNotEquals(TRACE_ID, processedIn.get().getTraceId(), malformed);
            SpanData process = InMemorySpans.ofTrace(processedIn.get().getTraceId()).get(0);
            assertEquals("process " + Topics.REGISTRY_USERS, process.getName());
            assertFalse(process.getParentSpanContext().isValid(), "a root span: " + malformed);
        }
    }

    @Test
    void aCounterIncrementedInASpanCarriesNoExemplarSoTheScrapeStaysAsTheChecksReadIt() {
        CloudEvent forged = new EventCodec("/auth-service", clock).create(
                new UserRegistered(newCustomerId(), "Kiss Anna", "company-1", "Példa Kft.", Set.of(), false), "mallory")
                .withTraceContext(new TraceContext("00-" + TRACE_ID + "-" + PARENT_ID + "-01", null));
        assertThrows(RefusedEventException.class, () -> inbox.accept(record(EventCodec.write(forged)), e -> {
        }));

        // What Prometheus and the tests get by default: OpenMetrics, where Quarkus would put the exemplars.
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(scrape.contains("events_refused_total{"));
        assertFalse(scrape.contains("trace_id"), "no exemplar");
    }

    @Test
    void withoutACollectorEndpointNothingIsExportedOverOtlp() {
        List<SpanProcessor> otlp = Arc.container().listAll(SpanProcessor.class).stream().map(InstanceHandle::get)
                .filter(LateBoundSpanProcessor.class::isInstance).toList();

        assertFalse(otlp.isEmpty(), "Quarkus' OTLP span processor is there");
        assertTrue(otlp.stream().allMatch(RemoveableLateBoundSpanProcessor.class::isInstance),
                "and left out, since no endpoint is configured: " + otlp);
    }

    /** Appends an e-PIN event; a non-null trace context replaces the one the outbox took from the current span. */
    private void appendInOwnTransaction(String customerId, String traceparent, String tracestate) {
        QuarkusTransaction.requiringNew().run(() -> {
            CloudEvent event = outbox.append(new EPinSet(customerId, true, false, clock.instant()), "officer.kiss");
            if (traceparent != null) {
                em.createNativeQuery("update outbox_event set traceparent = ?1, tracestate = ?2 where event_id = ?3")
                        .setParameter(1, traceparent).setParameter(2, tracestate).setParameter(3, event.id())
                        .executeUpdate();
            }
        });
    }

    private void inATrace(Runnable work) {
        Span span = tracer.spanBuilder("test").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } finally {
            span.end();
        }
    }

    private CloudEvent published(String customerId) {
        return EventCodec.read(probe.await(r -> customerId.equals(r.key()), WAIT).value());
    }

    private CloudEvent fromRegistry() {
        String customerId = newCustomerId();
        return new EventCodec("/token-registry", clock)
                .create(new UserRegistered(customerId, "Kiss Anna", "company-1", "Példa Kft.", Set.of(), false), "officer.kiss");
    }

    private static Context remoteParent(String tracestate) {
        TraceState state = TraceState.builder().put(tracestate.substring(0, tracestate.indexOf('=')),
                tracestate.substring(tracestate.indexOf('=') + 1)).build();
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, PARENT_ID, TraceFlags.getSampled(), state)));
    }

    /** The ended span of that trace with that name and parent, or null. */
    private static SpanData span(String traceId, String name, String parentSpanId) {
        return InMemorySpans.ofTrace(traceId).stream()
                .filter(s -> s.getName().equals(name) && s.getParentSpanId().equals(parentSpanId))
                .findFirst().orElse(null);
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.REGISTRY_USERS, 0, OFFSETS.incrementAndGet(), "key", value);
    }

    private static String newCustomerId() {
        return String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
