package hu.tokenplatform.auth.metrics;

import hu.tokenplatform.auth.pki.CrlCache;
import hu.tokenplatform.servicekit.outbox.OutboxEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges operators watch beside the {@code auth_logins_total} counter: events not yet on Kafka (read from the
 * database on a schedule, not on every scrape) and the seconds left until the held CRL goes stale (negative
 * once it is: logins then fail closed).
 */
@ApplicationScoped
public class AuthMetrics {

    private final AtomicLong outboxBacklog = new AtomicLong();

    @Inject
    public AuthMetrics(MeterRegistry registry, CrlCache crl, Clock clock) {
        Gauge.builder("auth.outbox.backlog", outboxBacklog, AtomicLong::get)
                .description("Login events committed but not yet published to Kafka").register(registry);
        Gauge.builder("auth.crl.seconds.until.stale", crl,
                        cache -> cache.snapshot().map(s -> s.nextUpdate().getEpochSecond() - clock.instant().getEpochSecond())
                                .orElse(Long.MIN_VALUE).doubleValue())
                .description("Seconds until the held CRL passes its nextUpdate").register(registry);
    }

    @Scheduled(every = "${auth.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        outboxBacklog.set(OutboxEvent.backlog());
    }
}
