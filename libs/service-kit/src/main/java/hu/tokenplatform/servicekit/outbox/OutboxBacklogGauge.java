package hu.tokenplatform.servicekit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox backlog, events committed but not yet on Kafka, as a gauge named by each service
 * ({@code platform.events.outbox.backlog-metric}, e.g. {@code unlock.outbox.backlog}, scraped as
 * {@code unlock_outbox_backlog}). Read from the database, so it is right after a restart and counts every instance's
 * rows; recounted on a schedule rather than on every scrape, so that scrapes stay cheap. Registered at start, so the
 * metric is there before the first count.
 */
@Startup
@ApplicationScoped
public class OutboxBacklogGauge {

    private final AtomicLong backlog = new AtomicLong();

    @Inject
    public OutboxBacklogGauge(EventsConfig config, MeterRegistry registry) {
        Gauge.builder(config.outbox().backlogMetric(), backlog, AtomicLong::get)
                .description("Events committed but not yet published to Kafka")
                .register(registry);
    }

    @Scheduled(every = "${platform.events.outbox.backlog-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void recount() {
        backlog.set(OutboxEvent.backlog());
    }
}
