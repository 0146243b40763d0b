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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database, so they are right after a restart and across instances: tokens by state,
 * certificates by usage and status, and valid certificates expiring within 7 and 30 days (the outbox backlog is service-kit's {@code OutboxBacklogGauge}). Counted on a
 * schedule, not on every scrape, to keep scrapes cheap.
 */
@ApplicationScoped
public class RegistryMetrics {

    private final Map<TokenState, AtomicLong> tokens = new EnumMap<>(TokenState.class);
    private final Map<CertificateUsage, Map<Certificate.Status, AtomicLong>> certificates = new EnumMap<>(CertificateUsage.class);
    /**
     * Valid certificates that expire within each window, by usage: what renewal must reach before users are refused.
     * Windows as the {@code within} tag says them; the alert CertificatesExpiringInBulk reads "7d".
     */
    static final Map<String, Duration> EXPIRY_WINDOWS = Map.of("7d", Duration.ofDays(7), "30d", Duration.ofDays(30));
    private final Map<CertificateUsage, Map<String, AtomicLong>> expiring = new EnumMap<>(CertificateUsage.class);

    @Inject
    Clock clock;

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
            Map<String, AtomicLong> byWindow = new HashMap<>();
            for (String window : EXPIRY_WINDOWS.keySet()) {
                AtomicLong count = new AtomicLong();
                byWindow.put(window, count);
                Gauge.builder("registry.certificates.expiring", count, AtomicLong::get)
                        .tag("usage", usage.name()).tag("within", window)
                        .description("Valid certificates whose notAfter falls within the window from now, by usage").register(registry);
            }
            expiring.put(usage, byWindow);
        }
    }

    @Scheduled(every = "${registry.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void refresh() {
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
        Instant now = clock.instant();
        EXPIRY_WINDOWS.forEach((window, length) -> {
            expiring.values().forEach(byWindow -> byWindow.get(window).set(0));
            Certificate.getEntityManager()
                    .createQuery("select c.usage, count(c) from Certificate c where c.status = :valid"
                            + " and c.notAfter > :now and c.notAfter <= :until group by c.usage", Object[].class)
                    .setParameter("valid", Certificate.Status.VALID).setParameter("now", now).setParameter("until", now.plus(length))
                    .getResultList()
                    .forEach(row -> expiring.get((CertificateUsage) row[0]).get(window).set((Long) row[1]));
        });
    }
}
