package hu.tokenplatform.auth.metrics;

import hu.tokenplatform.auth.pki.CrlCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The gauge operators watch beside the {@code auth_logins_total} counter and service-kit's
 * {@code auth_outbox_backlog}: the seconds left until the held CRL goes stale (negative once it is: logins then
 * fail closed).
 */
@Startup
@ApplicationScoped
public class AuthMetrics {

    @Inject
    public AuthMetrics(MeterRegistry registry, CrlCache crl, Clock clock) {
        Gauge.builder("auth.crl.seconds.until.stale", crl,
                        cache -> cache.snapshot().map(s -> s.nextUpdate().getEpochSecond() - clock.instant().getEpochSecond())
                                .orElse(Long.MIN_VALUE).doubleValue())
                .description("Seconds until the held CRL passes its nextUpdate").register(registry);
    }
}
