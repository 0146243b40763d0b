package hu.tokenplatform.registry.metrics;

import hu.tokenplatform.registry.certificate.Certificate;
import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.registry.token.Token;
import hu.tokenplatform.registry.token.TokenState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database, so they are right after a restart and across instances: tokens by state, and
 * certificates by usage and status (the outbox backlog is service-kit's {@code OutboxBacklogGauge}). Counted on a
 * schedule, not on every scrape, to keep scrapes cheap.
 */
@ApplicationScoped
public class RegistryMetrics {

    private final Map<TokenState, AtomicLong> tokens = new EnumMap<>(TokenState.class);
    private final Map<CertificateUsage, Map<Certificate.Status, AtomicLong>> certificates = new EnumMap<>(CertificateUsage.class);

    @Inject
    public RegistryMetrics(MeterRegistry registry) {
        for (TokenState state : TokenState.values()) {
            AtomicLong count = new AtomicLong();
            tokens.put(state, count);
            Gauge.builder("registry.tokens", count, AtomicLong::get).tag("state", state.name())
                    .description("Tokens by lifecycle state").register(registry);
        }
        for (CertificateUsage usage : CertificateUsage.values()) {
            Map<Certificate.Status, AtomicLong> byStatus = new EnumMap<>(Certificate.Status.class);
            for (Certificate.Status status : Certificate.Status.values()) {
                AtomicLong count = new AtomicLong();
                byStatus.put(status, count);
                Gauge.builder("registry.certificates", count, AtomicLong::get)
                        .tag("usage", usage.name()).tag("status", status.name())
                        .description("Certificates issued, by usage and current status").register(registry);
            }
            certificates.put(usage, byStatus);
        }
    }

    @Scheduled(every = "${registry.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        tokens.values().forEach(c -> c.set(0));
        Token.getEntityManager()
                .createQuery("select t.state, count(t) from Token t group by t.state", Object[].class)
                .getResultList()
                .forEach(row -> tokens.get((TokenState) row[0]).set((Long) row[1]));
        certificates.values().forEach(m -> m.values().forEach(c -> c.set(0)));
        Certificate.getEntityManager()
                .createQuery("select c.usage, c.status, count(c) from Certificate c group by c.usage, c.status", Object[].class)
                .getResultList()
                .forEach(row -> certificates.get((CertificateUsage) row[0]).get((Certificate.Status) row[1]).set((Long) row[2]));
    }
}
