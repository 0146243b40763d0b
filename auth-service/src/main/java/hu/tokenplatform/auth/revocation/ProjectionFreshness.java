package hu.tokenplatform.auth.revocation;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.servicekit.kafka.KafkaAdmins;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether auth-service can show, right now, that its registry projection is current: that it has applied every
 * record of the registry's topics up to their end offsets as the broker gave them at most
 * {@code auth.revocation.projection-max-age} ago. A revocation is on those topics before the registry's revoke call
 * returns; so a projection shown current after that knows it.
 * <p>
 * The proof is dated from the moment before the end offsets were asked for, and the applied offsets are read after
 * them: whatever the projection says after {@link #provenCurrent()} returned true includes every event published
 * before that date. Callers must therefore ask this first and read the projection after. The check runs in the
 * background every {@code projection-check-interval}; a broker that does not answer, or a projection behind, leaves
 * the last proof to age, and callers then ask the registry's OCSP responder instead.
 */
@ApplicationScoped
public class ProjectionFreshness {

    /** The topics the revocation-relevant projection is built from. */
    static final List<String> TOPICS = List.of(Topics.REGISTRY_TOKENS, Topics.REGISTRY_USERS);
    private static final Logger LOG = Logger.getLogger(ProjectionFreshness.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    ProjectionOffsets offsets;

    @Inject
    AuthConfig config;

    @Inject
    MeterRegistry meters;

    private volatile long provenAtNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile boolean behindLogged;
    private Admin admin;
    private ScheduledExecutorService checker;

    void start(@Observes StartupEvent startup) {
        Gauge.builder("auth.projection.current", this, f -> f.provenCurrent() ? 1 : 0)
                .description("1 while the registry projection is shown current (no OCSP needed), else 0")
                .register(meters);
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-freshness");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.revocation().projectionCheckInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (checker != null) {
            checker.shutdownNow();
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    /** True if the projection was shown current at most {@code projection-max-age} ago. Read it before the projection. */
    public boolean provenCurrent() {
        return System.nanoTime() - provenAtNanos <= config.revocation().projectionMaxAge().toNanos();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.debugf("Projection freshness not shown: %s", e.getClass().getSimpleName());
        }
    }

    /** One proof attempt: end offsets first, applied offsets after, dated from before the first question. */
    synchronized void check() {
        long startedAt = System.nanoTime();
        int timeout = (int) Math.max(100, config.revocation().projectionMaxAge().toMillis());
        try {
            List<TopicPartition> all = partitions(timeout);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            all.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest,
                    new ListOffsetsOptions().timeoutMs(timeout)).all().get(timeout + 100L, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> applied = offsets.applied(TOPICS);
            for (TopicPartition partition : all) {
                long end = ends.get(partition).offset();
                if (applied.getOrDefault(partition, 0L) < end) {
                    if (!behindLogged) {
                        LOG.infof("Registry projection behind on %s (applied %d of %d): logins ask OCSP until it catches up",
                                partition, applied.getOrDefault(partition, 0L), end);
                        behindLogged = true;
                    }
                    return;
                }
            }
            behindLogged = false;
            provenAtNanos = startedAt;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Registry topics' end offsets not available: %s", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Described at every check: a partition added since must be caught up on before the next proof. */
    private List<TopicPartition> partitions(int timeout) throws ExecutionException,
            TimeoutException, InterruptedException {
        Map<String, TopicDescription> topics = admin().describeTopics(TOPICS, new DescribeTopicsOptions().timeoutMs(timeout))
                .allTopicNames().get(timeout + 100L, TimeUnit.MILLISECONDS);
        return topics.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaAdmins.create(kafkaConfig, "projection-freshness", 500);
        }
        return admin;
    }
}
