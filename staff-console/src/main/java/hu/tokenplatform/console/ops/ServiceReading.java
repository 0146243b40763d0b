package hu.tokenplatform.console.ops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one look at a service found: its metrics (empty when they could not be read, with why) and its readiness
 * (empty when the health endpoint did not answer). A value the service did not give is absent, never zero.
 */
public record ServiceReading(MonitoredService service, Instant at, Optional<List<Sample>> samples,
                             Optional<String> metricsProblem, Optional<Health> health) {

    public boolean metricsRead() {
        return samples.isPresent();
    }

    /** The samples of one metric (empty both when the metric is missing and when metrics were not read). */
    public List<Sample> series(String name) {
        return samples.map(all -> all.stream().filter(s -> s.name().equals(name)).toList()).orElse(List.of());
    }

    /** The one value of an unlabelled metric, when the service exports it and it is a number. */
    public Optional<Double> value(String name) {
        return value(name, s -> true);
    }

    /** The sum of the samples of {@code name} the filter admits; absent when none is there or any is NaN. */
    public Optional<Double> value(String name, Predicate<Sample> filter) {
        List<Sample> series = series(name).stream().filter(filter).toList();
        if (series.isEmpty() || series.stream().anyMatch(s -> Double.isNaN(s.value()))) {
            return Optional.empty();
        }
        return Optional.of(series.stream().mapToDouble(Sample::value).sum());
    }
}
