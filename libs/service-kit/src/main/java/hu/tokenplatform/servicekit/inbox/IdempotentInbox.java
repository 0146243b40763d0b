package hu.tokenplatform.servicekit.inbox;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventOrigin;
import hu.tokenplatform.events.MalformedEventException;
import hu.tokenplatform.servicekit.outbox.EventsConfig;
import hu.tokenplatform.servicekit.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The way into a service for every consumed event. It believes an event only from its topic's owner
 * ({@link EventOrigin}): anything else is counted, logged without its content and thrown out as a
 * {@link RefusedEventException}, which the channel's {@code failure-strategy=dead-letter-queue} turns into a record
 * in the service's dead-letter topic. The check comes before any database work, so a refused event neither touches
 * a projection nor uses up the id of a genuine one.
 * <p>
 * Then it applies each event at most once: the event id is recorded in the same transaction as its effect, so a
 * redelivery after a crash or a rebalance changes nothing. Records that are not events of our catalogue, and events
 * whose payload does not match its schema, are logged (without their content) and skipped rather than blocking the
 * partition.
 * <p>
 * Each readable event is checked and applied in a {@code process <topic>} span, child of the trace context the event
 * carries ({@link EventTracing}), so the consumer's work and its log lines join the trace of the request that caused it.
 */
@ApplicationScoped
public class IdempotentInbox {

    /** Counter of refused events, tagged {@code topic} and {@code reason}: {@code events_refused_total} in Prometheus. */
    public static final String REFUSED_METRIC = "events.refused";

    private static final Logger LOG = Logger.getLogger(IdempotentInbox.class);

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    EventsConfig config;

    @Inject
    EventTracing tracing;

    /** Every topic this service reads starts at zero refusals, so that the first one shows as an increase. */
    void registerRefusalCounters(@Observes StartupEvent start) {
        BrokerPrincipal.bySource(config.source()).ifPresent(service -> {
            for (String topic : service.reads()) {
                for (EventOrigin.Refusal refusal : EventOrigin.Refusal.values()) {
                    refusals(topic, refusal);
                }
            }
        });
    }

    /**
     * Applies the event in {@code record} once, through {@code handler}, in a transaction that also records its id.
     *
     * @throws RefusedEventException if the event is not its topic owner's; nothing is applied or recorded
     */
    public void accept(ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        accept(record, event -> false, handler);
    }

    /**
     * {@link #accept(ConsumerRecord, Consumer)} for a topic whose events mostly change nothing here (a login of a token
     * that is active already): after the origin check, in the transaction, {@code changesNothing} looks at the event
     * and the current state, without locks, and an event it answers true for is skipped without recording its id.
     * Recording it would buy nothing: applying the event again would change nothing again, and if the state has
     * moved on by its redelivery, the event is asked again and goes to {@code handler} (which must then be right for
     * an event older than the state, as every handler must be for a redelivery).
     *
     * @throws RefusedEventException if the event is not its topic owner's; nothing is applied or recorded
     */
    public void accept(ConsumerRecord<String, String> record, Predicate<CloudEvent> changesNothing, Consumer<CloudEvent> handler) {
        CloudEvent event;
        try {
            event = EventCodec.read(record.value());
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping record %s that is not a readable event: %s", position(record), e.getMessage());
            return;
        }
        // Who sent it is checked first: a refused event's trace context (and sampling) is not followed at all.
        Optional<EventOrigin.Refusal> refusal = EventOrigin.check(record.topic(), event);
        if (refusal.isPresent()) {
            refusals(record.topic(), refusal.get()).increment();
            LOG.warnf("Refusing record %s: %s; it goes to the dead-letter topic", position(record), refusal.get().code());
            throw new RefusedEventException(record.topic(), refusal.get());
        }
        // Processed in the trace the event carries, so one hand-over is one trace from the registry to here.
        Span span = tracing.startProcess(record.topic(), event);
        try (Scope ignored = span.makeCurrent()) {
            QuarkusTransaction.joiningExisting().run(() -> apply(event, changesNothing, handler));
        } catch (RuntimeException e) {
            EventTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void apply(CloudEvent event, Predicate<CloudEvent> changesNothing, Consumer<CloudEvent> handler) {
        if (changesNothing.test(event)) {
            LOG.debugf("Event %s changes nothing here; skipped", event.id());
            return;
        }
        if (ProcessedEvent.findByIdOptional(event.id()).isPresent()) {
            LOG.debugf("Event %s already processed; ignored", event.id());
            return;
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.eventType = event.type();
        processed.processedAt = clock.instant();
        processed.persist();
        try {
            handler.accept(event);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping event %s of type %s: %s", event.id(), event.type(), e.getMessage());
        }
    }

    private Counter refusals(String topic, EventOrigin.Refusal refusal) {
        return Counter.builder(REFUSED_METRIC)
                .description("Consumed events refused because they are not from their topic's owner")
                .tag("topic", topic)
                .tag("reason", refusal.code())
                .register(registry);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
