package hu.tokenplatform.console.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-minute rates of a counter from two scrapes of the same service, as Prometheus' {@code increase} would give
 * them: a series that is new in the later scrape started from zero (auth-service registers a login counter at its
 * first login), and a counter that went down was reset by a restart, so all of its later value is new.
 */
final class CounterRates {

    private CounterRates() {
    }

    /** Increase per minute of every series of {@code metric}, summed by {@code key}. */
    static <K> Map<K, Double> perMinute(List<Sample> earlier, List<Sample> later, Duration span, String metric,
                                       Function<Sample, K> key) {
        if (span.isZero() || span.isNegative()) {
            throw new IllegalArgumentException("a rate needs two scrapes apart in time");
        }
        Map<Map<String, String>, Double> before = new HashMap<>();
        earlier.stream().filter(s -> s.name().equals(metric)).forEach(s -> before.put(s.labels(), s.value()));
        double minutes = span.toMillis() / 60_000.0;
        Map<K, Double> rates = new LinkedHashMap<>();
        for (Sample now : later) {
            if (!now.name().equals(metric) || Double.isNaN(now.value())) {
                continue;
            }
            double previous = before.getOrDefault(now.labels(), 0.0);
            double increase = now.value() >= previous ? now.value() - previous : now.value();
            rates.merge(key.apply(now), increase / minutes, Double::sum);
        }
        return rates;
    }
}
