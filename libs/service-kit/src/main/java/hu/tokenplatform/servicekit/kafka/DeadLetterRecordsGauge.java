package hu.tokenplatform.servicekit.kafka;

import hu.tokenplatform.events.Topics;
import hu.tokenplatform.servicekit.outbox.EventsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The records waiting in this service's dead-letter topic ({@code platform.events.dead-letter.topic}), as the gauge
 * {@code events_dead_letter_records{topic}}: over every partition, the end offset minus the earliest offset still
 * kept. The broker's view, so it is right after a restart and the same on every instance; the counters of records
 * written ({@code DeadLetterWritten}) forget them at a restart.
 * <p>
 * A dead-lettered record stays until the topic's retention removes it (90 days in production) or an operator who
 * has dealt with it deletes the records up to its offset ({@code kafka-delete-records.sh}, docs/alerts.md): so the
 * gauge counts what nobody has dealt with yet. Read on a schedule with a bounded wait, as the service's own broker
 * principal (which may describe the topic it writes); NaN until the first answer and while the broker does not
 * answer, so that an unreachable broker never looks like an empty topic.
 */
@Startup
@ApplicationScoped
public class DeadLetterRecordsGauge {

    static final String METRIC = "events.dead.letter.records";
    private static final Logger LOG = Logger.getLogger(DeadLetterRecordsGauge.class);

    private final Map<String, Object> kafkaConfig;
    private final EventsConfig config;
    private final String topic;
    private volatile double records = Double.NaN;
    private Admin admin;

    @Inject
    public DeadLetterRecordsGauge(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventsConfig config,
                                  MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.topic = config.deadLetter().topic();
        if (!Topics.DEAD_LETTER_TOPICS.contains(topic)) {
            throw new IllegalStateException("platform.events.dead-letter.topic is " + topic + ", not one of the platform's dead-letter topics "
                    + Topics.DEAD_LETTER_TOPICS);
        }
        Gauge.builder(METRIC, this, gauge -> gauge.records)
                .description("Records in this service's dead-letter topic that its retention or an operator has not removed yet")
                .tag("topic", topic)
                .register(registry);
    }

    @Scheduled(every = "${platform.events.dead-letter.refresh-interval}", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recount() {
        long timeout = config.health().timeout().toMillis() * 5;
        try {
            records = count(timeout);
        } catch (ExecutionException | TimeoutException e) {
            records = Double.NaN;
            LOG.debugf("Dead-letter topic %s not counted: %s", topic, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long count(long timeout) throws ExecutionException, TimeoutException, InterruptedException {
        TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames().get(timeout, TimeUnit.MILLISECONDS).get(topic);
        List<TopicPartition> partitions = description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest(), timeout);
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(partitions, OffsetSpec.latest(), timeout);
        return partitions.stream().mapToLong(p -> latest.get(p).offset() - earliest.get(p).offset()).sum();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec, long timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        return admin().listOffsets(request, new ListOffsetsOptions().timeoutMs((int) timeout)).all().get(timeout + 250, TimeUnit.MILLISECONDS);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaAdmins.create(kafkaConfig, "dead-letter-records", 10_000);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
