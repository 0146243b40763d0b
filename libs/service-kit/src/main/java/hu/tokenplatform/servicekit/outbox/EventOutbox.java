package hu.tokenplatform.servicekit.outbox;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.servicekit.tracing.EventTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Appends events to the outbox inside the caller's transaction: no state change commits without its event. When
 * that transaction commits, the relay is woken, so the events leave at once rather than at the next poll. Each row
 * keeps the trace context the transaction ran in, so that the event's consumers join that trace ({@link EventTracing}).
 */
@ApplicationScoped
public class EventOutbox {

    private static final Object WAKE_REGISTERED = new Object();

    private final EventCodec codec;
    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public EventOutbox(EventsConfig config, Clock clock, OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.codec = new EventCodec(config.source(), clock);
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(EventData data, String actor) {
        CloudEvent event = codec.create(data, actor);
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.eventType = event.type();
        row.topic = data.type().topic();
        row.messageKey = data.subject();
        row.payload = EventCodec.write(event);
        EventTracing.current().ifPresent(trace -> {
            row.traceparent = trace.traceparent();
            row.tracestate = trace.tracestate();
        });
        row.createdAt = clock.instant();
        row.persist();
        wakeRelayAtCommit();
        return event;
    }

    private void wakeRelayAtCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
