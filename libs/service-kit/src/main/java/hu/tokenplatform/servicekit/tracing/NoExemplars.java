package hu.tokenplatform.servicekit.tracing;

import io.prometheus.client.exemplars.ExemplarSampler;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * No trace exemplars on the Prometheus counters. With tracing on, Quarkus would append {@code # {span_id=..,trace_id=..}}
 * to every counter incremented in a span, changing the exposition that the alert rules' checks, the services' tests
 * and the e2e monitoring check read. Linking metrics to traces is a dashboard decision still to make (docs/operations.md).
 */
@Singleton
public class NoExemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> none() {
        return Optional.empty();
    }
}
