package hu.tokenplatform.benchmarks;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured point: a target under a closed loop of {@code concurrency} workers for one round.
 *
 * @param target      the target's name
 * @param concurrency workers, each with at most one login in flight
 * @param round       1-based: the targets alternate round by round
 * @param seconds     from the first login's start to the last login's end
 * @param logins      logins that ended with the tokens in hand
 * @param errors      the other logins, by outcome (kept sorted by outcome, so that every report lists them alike)
 * @param p50Ms       latency of the successful logins, milliseconds
 * @param p95Ms       as p50
 * @param p99Ms       as p50
 * @param processes   by server process name (in the target's order): CPU and memory
 */
public record PointResult(String target, int concurrency, int round, double seconds, long logins, Map<String, Long> errors,
                          double p50Ms, double p95Ms, double p99Ms, Map<String, ProcessCost> processes) {

    public PointResult {
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    public double loginsPerSecond() {
        return seconds > 0 ? logins / seconds : 0;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Server CPU per successful login, all the target's processes together. */
    public double cpuMsPerLogin() {
        return processes.values().stream().mapToDouble(ProcessCost::cpuMsPerLogin).sum();
    }

    /**
     * @param pids          how many processes had that name during the point
     * @param cpuMsPerLogin their user + system CPU time over the point, per successful login
     * @param rssKb         their resident memory together at the point's end
     */
    public record ProcessCost(int pids, double cpuMsPerLogin, long rssKb) {
    }
}
