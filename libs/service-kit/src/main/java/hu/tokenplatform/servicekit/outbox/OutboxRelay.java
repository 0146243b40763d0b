package hu.tokenplatform.servicekit.outbox;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.MalformedEventException;
import hu.tokenplatform.events.TraceContext;
import hu.tokenplatform.servicekit.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes outbox rows to Kafka in commit order and marks them sent. A transaction that appended events wakes the
 * relay when it commits ({@link EventOutbox}), so an event normally leaves within milliseconds; the poll only picks
 * up what a wake missed (a send that failed, rows of an instance that stopped). One relay runs at a time across all
 * instances of a service (a transaction-scoped advisory lock), so events never overtake each other; a failed send
 * stops the batch for the same reason. Delivery is at least once: consumers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Outgoing channel every service configures for its outbox ({@code mp.messaging.outgoing.outbox-events.*});
     * each record names its own topic.
     */
    public static final String CHANNEL = "outbox-events";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_CHARS = 500;
    /** pg_try_advisory_xact_lock key of the relay: any fixed number, the same in every instance of a service. */
    static final long RELAY_LOCK = 0x6f7574626f78L;
    /** How often a caller waiting for its events looks at the outbox, besides being told by this instance. */
    private static final long AWAIT_RECHECK_MILLIS = 25;

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> emitter;

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    Clock clock;

    @Inject
    EventTracing tracing;

    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Object sent = new Object();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Publishes now what has been committed. At most one wake waits behind a running relay: it runs after it and
     * so also sends what committed while the running one was reading.
     */
    public void wake() {
        if (!wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                running.lock();
                try {
                    relayAll();
                } catch (RuntimeException e) {
                    LOG.debugf("Outbox relay after commit failed (%s); the poll retries", e.getClass().getSimpleName());
                } finally {
                    running.unlock();
                }
            });
        } catch (RejectedExecutionException stopping) {
            wakeQueued.set(false);
        }
    }

    @Scheduled(every = "${platform.events.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (running.tryLock()) {
            try {
                relayAll();
            } finally {
                running.unlock();
            }
        }
    }

    /**
     * Waits until every event committed before this call has been acknowledged by Kafka, or {@code within} has
     * passed. Call it outside a transaction, after the one that appended the events committed.
     *
     * @return whether the events are on Kafka: only then can the other services be told about them
     */
    public boolean awaitPublishedSoFar(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Long last = QuarkusTransaction.requiringNew().call(() ->
                (Long) em.createNativeQuery("select max(id) from outbox_event").getSingleResult());
        if (last == null) {
            return true;
        }
        while (true) {
            // Woken at every look: a relay that found the lock taken by another instance may have missed these rows.
            wake();
            if (!unsentUpTo(last)) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            synchronized (sent) {
                try {
                    sent.wait(Math.max(1, Math.min(AWAIT_RECHECK_MILLIS, remaining / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        waker.shutdownNow();
    }

    private boolean unsentUpTo(long last) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from outbox_event where id <= ?1 and sent_at is null limit 1")
                .setParameter(1, last).getResultList().isEmpty());
    }

    /** Batches until the outbox is empty, a send fails, or another instance holds the relay. */
    private void relayAll() {
        boolean more = true;
        while (more) {
            Batch batch = QuarkusTransaction.requiringNew().call(this::relayBatch);
            if (batch.sent() > 0) {
                synchronized (sent) {
                    sent.notifyAll();
                }
            }
            more = batch.full() && batch.sent() == batch.read();
        }
    }

    private record Batch(int read, int sent, boolean full) {
    }

    private Batch relayBatch() {
        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(mine)) {
            return new Batch(0, 0, false);
        }
        @SuppressWarnings("unchecked")
        List<OutboxEvent> rows = em.createNativeQuery(
                        "select * from outbox_event where sent_at is null order by id limit ?1 for update skip locked",
                        OutboxEvent.class)
                .setParameter(1, config.outbox().batchSize())
                .getResultList();
        int sentCount = 0;
        for (OutboxEvent row : rows) {
            try {
                send(row);
                row.sentAt = clock.instant();
                sentCount++;
            } catch (RuntimeException e) {
                row.attempts++;
                row.lastError = truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warnf("Kafka unavailable, %d event(s) wait in the outbox (next: %s %s, attempt %d)",
                        rows.size() - sentCount, row.eventType, row.eventId, row.attempts);
                break;
            }
        }
        return new Batch(rows.size(), sentCount, rows.size() == config.outbox().batchSize());
    }

    /**
     * Sends one row. Its trace context is checked again (the row may come from an older version or another writer of
     * the table): a well-formed one goes into the CloudEvent and parents the publish span, a malformed one is dropped.
     */
    private void send(OutboxEvent row) {
        Optional<TraceContext> trace = TraceContext.parse(row.traceparent, row.tracestate);
        String traced = trace.map(context -> withTraceContext(row, context)).orElse(null);
        if (traced == null) {
            publish(row, row.payload);
            return;
        }
        Span span = tracing.startPublish(row.topic, row.eventId, row.eventType, trace.get());
        try (Scope ignored = span.makeCurrent()) {
            publish(row, traced);
        } catch (RuntimeException e) {
            EventTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The row's event carrying {@code trace}, or null if it cannot be rewritten: then it leaves as written, untraced. */
    private static String withTraceContext(OutboxEvent row, TraceContext trace) {
        try {
            return EventCodec.withTraceContext(row.payload, trace);
        } catch (MalformedEventException e) {
            // Never block the outbox for a trace: the event matters, its trace context does not.
            LOG.warnf("Event %s %s leaves without its trace context: %s", row.eventType, row.eventId, e.getMessage());
            return null;
        }
    }

    private void publish(OutboxEvent row, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(payload).addMetadata(metadata))
                .await().atMost(config.outbox().sendTimeout());
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
    }
}
