package hu.tokenplatform.auth.revocation;

import hu.tokenplatform.servicekit.inbox.RefusedEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the registry projection has applied each partition it consumes, recorded in the same transaction as the
 * record's effect: {@link ProjectionFreshness} compares it with the topics' end offsets.
 * <p>
 * That comparison is only sound if no record is ever skipped while later ones are applied. So a record whose effect
 * fails (the database away, say) is tried again, with growing pauses, until it applies, holding its partition
 * back meanwhile, instead of going to the dead-letter topic like a refused event; meanwhile the projection cannot be
 * shown current and logins ask the registry directly. Refused events (not from the registry) move the offset on, as
 * they change nothing, and still go to the dead-letter topic. A record given up on because the service is stopping
 * is read again at the next start ({@link ProjectionPositions}).
 */
@ApplicationScoped
public class ProjectionOffsets {

    private static final Logger LOG = Logger.getLogger(ProjectionOffsets.class);
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    @Inject
    EntityManager em;

    private volatile boolean stopping;

    /** Runs {@code effect} for {@code record} and records the record as applied, both in one transaction. */
    public void apply(ConsumerRecord<String, String> record, Runnable effect) {
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    effect.run();
                    advance(record);
                });
                return;
            } catch (RefusedEventException refused) {
                QuarkusTransaction.requiringNew().run(() -> advance(record));
                throw refused;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                LOG.warnf("Record %s-%d@%d could not be applied (%s); trying again in %d ms, the projection counts as "
                                + "not current meanwhile", record.topic(), record.partition(), record.offset(),
                        e.getClass().getSimpleName(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    /** Next offset to apply per partition of {@code topics}; partitions never applied are absent (offset 0). */
    public Map<TopicPartition, Long> applied(List<String> topics) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select topic, partition_no, next_offset from projection_offset where topic in (?1)")
                    .setParameter(1, topics).getResultList();
            Map<TopicPartition, Long> applied = new HashMap<>();
            for (Object[] row : rows) {
                applied.put(new TopicPartition((String) row[0], ((Number) row[1]).intValue()), ((Number) row[2]).longValue());
            }
            return applied;
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    private void advance(ConsumerRecord<String, String> record) {
        em.createNativeQuery("insert into projection_offset (topic, partition_no, next_offset) values (?1, ?2, ?3) "
                        + "on conflict (topic, partition_no) do update "
                        + "set next_offset = greatest(projection_offset.next_offset, excluded.next_offset)")
                .setParameter(1, record.topic())
                .setParameter(2, record.partition())
                .setParameter(3, record.offset() + 1)
                .executeUpdate();
    }
}
