package hu.tokenplatform.console.ops;

import java.util.List;

/**
 * A service at a glance: {@code health} {@code UP}, {@code DOWN} or {@code UNREACHABLE} (its readiness did not
 * answer), the readiness checks by name, and whether its metrics could be read ({@code metricsProblem}: why not).
 */
public record ServiceStatus(String id, String health, List<Health.Check> checks, String metricsProblem, Level level) {

    public ServiceStatus {
        checks = List.copyOf(checks);
    }

    public String problemKey() {
        return "ops.note." + metricsProblem;
    }

    public boolean metricsRead() {
        return metricsProblem.isEmpty();
    }
}
