package hu.tokenplatform.benchmarks;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop: {@code c} workers, each logging in the next user (round-robin over all users) as soon as its last
 * login ended, until the point's time is up. The logins in flight when time is up finish and count.
 */
final class ClosedLoop {

    /** Longest latency the histogram holds, in microseconds: far beyond any login's timeouts. */
    private static final long LONGEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final List<BenchUser> users;
    private final ProcFs proc;
    private final long ticksPerSecond;

    ClosedLoop(List<BenchUser> users, ProcFs proc, long ticksPerSecond) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no users to log in");
        }
        this.users = users;
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Load that is not measured: the servers' JIT, caches and pools, and the load generator's own. */
    void warmUp(LoginTarget target, int concurrency, Duration duration) {
        run(target, concurrency, duration, new Histogram(LONGEST_MICROS, 3), new ConcurrentHashMap<>());
    }

    PointResult measure(LoginTarget target, int concurrency, int round, Duration duration) {
        Map<String, List<Long>> processes = target.serverProcesses();
        Map<Long, Long> ticksBefore = ticks(processes);
        Histogram latencies = new Histogram(LONGEST_MICROS, 3);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        long nanos = run(target, concurrency, duration, latencies, outcomes);
        Map<Long, Long> ticksAfter = ticks(processes);

        long logins = outcomes.getOrDefault(LoginOutcome.OK.outcome(), new LongAdder()).sum();
        Map<String, Long> errors = new TreeMap<>();
        outcomes.forEach((outcome, count) -> {
            if (!outcome.equals(LoginOutcome.OK.outcome())) {
                errors.put(outcome, count.sum());
            }
        });
        Map<String, PointResult.ProcessCost> costs = new LinkedHashMap<>();
        processes.forEach((name, pids) -> {
            long ticks = 0;
            long rss = 0;
            for (long pid : pids) {
                // A process that ended or began during the point has no delta: it is left out rather than guessed.
                if (ticksBefore.containsKey(pid) && ticksAfter.containsKey(pid)) {
                    ticks += ticksAfter.get(pid) - ticksBefore.get(pid);
                }
                rss += proc.residentKilobytes(pid);
            }
            double cpuMs = ticks * 1000.0 / ticksPerSecond;
            costs.put(name, new PointResult.ProcessCost(pids.size(), logins > 0 ? cpuMs / logins : 0, rss));
        });
        return new PointResult(target.name(), concurrency, round, nanos / 1e9, logins, errors,
                millis(latencies, 50), millis(latencies, 95), millis(latencies, 99), costs);
    }

    private static double millis(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    private Map<Long, Long> ticks(Map<String, List<Long>> processes) {
        Map<Long, Long> ticks = new TreeMap<>();
        processes.values().forEach(pids -> pids.forEach(pid -> proc.stat(pid).ifPresent(stat -> ticks.put(pid, stat.cpuTicks()))));
        return ticks;
    }

    /** The loop; successful logins' latencies go to {@code latencies}; the nanoseconds it took from first start to last end. */
    private long run(LoginTarget target, int concurrency, Duration duration, Histogram latencies, Map<String, LongAdder> outcomes) {
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread worker = new Thread(runnable, "login-worker");
            worker.setDaemon(true);
            return worker;
        });
        try {
            List<Future<Histogram>> done = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                done.add(workers.submit(() -> {
                    // Each worker its own histogram: no lock between workers on the hot path, merged at the end.
                    Histogram mine = new Histogram(LONGEST_MICROS, 3);
                    while (System.nanoTime() < deadline) {
                        BenchUser user = users.get((int) (next.getAndIncrement() % users.size()));
                        long begin = System.nanoTime();
                        LoginOutcome outcome;
                        try {
                            outcome = target.logIn(user);
                        } catch (RuntimeException broken) {
                            // A target should answer with an outcome; one that throws still counts as that login's error.
                            outcome = new LoginOutcome(broken.getClass().getSimpleName());
                        }
                        long micros = (System.nanoTime() - begin) / 1_000;
                        if (outcome.ok()) {
                            mine.recordValue(Math.min(micros, LONGEST_MICROS));
                        }
                        outcomes.computeIfAbsent(outcome.outcome(), o -> new LongAdder()).increment();
                    }
                    return mine;
                }));
            }
            for (Future<Histogram> worker : done) {
                latencies.add(worker.get());
            }
            return System.nanoTime() - started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a login worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }
}
