package hu.tokenplatform.servicekit.outbox;

import hu.tokenplatform.events.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in commit order and marks them sent. Rows are locked with SKIP LOCKED so
 * that several instances of a service never publish the same row twice at once; a failed send stops the
 * batch so that events of one aggregate never overtake each other. Delivery is at least once: consumers
 * dedupe by event id.
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

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> emitter;

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${platform.events.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void relay() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> batch = em.createNativeQuery(
                        "select * from outbox_event where sent_at is null order by id limit ?1 for update skip locked",
                        OutboxEvent.class)
                .setParameter(1, config.outbox().batchSize())
                .getResultList();
        for (OutboxEvent row : batch) {
            try {
                send(row);
                row.sentAt = clock.instant();
            } catch (RuntimeException e) {
                row.attempts++;
                row.lastError = truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warnf("Kafka unavailable, %d event(s) wait in the outbox (next: %s %s, attempt %d)",
                        batch.size() - batch.indexOf(row), row.eventType, row.eventId, row.attempts);
                return;
            }
        }
    }

    private void send(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(row.payload).addMetadata(metadata))
                .await().atMost(config.outbox().sendTimeout());
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
    }
}
