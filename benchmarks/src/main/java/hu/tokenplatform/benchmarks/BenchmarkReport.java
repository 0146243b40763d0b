package hu.tokenplatform.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's results as a printed table, {@code logins.csv} and {@code logins.md}: per point logins/s,
 * latency percentiles, errors by outcome, server CPU per login per process and RSS, and the ratio of the platform's
 * logins/s to Keycloak's at the same concurrency and round.
 */
public final class BenchmarkReport {

    static final String PLATFORM = "platform";
    static final String KEYCLOAK = "keycloak";

    private final List<PointResult> points;
    private final Machine machine;

    public BenchmarkReport(List<PointResult> points, Machine machine) {
        this.points = List.copyOf(points);
        this.machine = machine;
    }

    /**
     * Where and how it ran, for reading the numbers.
     *
     * @param cores   processors the JVM sees
     * @param model   the CPU's model name from /proc/cpuinfo
     * @param jdk     the load generator's runtime
     * @param date    when the report was written
     * @param command the command line
     */
    public record Machine(int cores, String model, String jdk, Instant date, String command) {

        public static Machine here(String command) {
            String model;
            try {
                model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                        .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
            } catch (IOException e) {
                model = "unknown";
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), model,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), command);
        }
    }

    public List<PointResult> points() {
        return points;
    }

    /** logins/s of the platform over Keycloak's at the point's concurrency and round, if both were measured. */
    Optional<Double> ratio(PointResult point) {
        Optional<PointResult> platform = find(PLATFORM, point.concurrency(), point.round());
        Optional<PointResult> keycloak = find(KEYCLOAK, point.concurrency(), point.round());
        if (platform.isEmpty() || keycloak.isEmpty() || keycloak.get().loginsPerSecond() == 0) {
            return Optional.empty();
        }
        return Optional.of(platform.get().loginsPerSecond() / keycloak.get().loginsPerSecond());
    }

    private Optional<PointResult> find(String target, int concurrency, int round) {
        return points.stream().filter(p -> p.target().equals(target) && p.concurrency() == concurrency && p.round() == round).findFirst();
    }

    private Set<String> processNames() {
        Set<String> names = new LinkedHashSet<>();
        points.forEach(point -> names.addAll(point.processes().keySet()));
        return names;
    }

    /** The Markdown table (also what is printed). */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Login benchmark\n\n")
                .append("- machine: ").append(machine.cores()).append(" cores, ").append(machine.model()).append('\n')
                .append("- load generator JDK: ").append(machine.jdk()).append('\n')
                .append("- date: ").append(machine.date()).append('\n')
                .append("- command: `").append(machine.command()).append("`\n\n")
                .append("CPU is server CPU (user + system, /proc) per successful login, ms; RSS at the point's end, MB.\n\n");
        List<String> header = new ArrayList<>(List.of("target", "c", "round", "logins/s", "p50 ms", "p95 ms", "p99 ms",
                "errors", "CPU ms/login"));
        for (String name : processNames()) {
            header.add(name + " CPU ms (RSS MB)");
        }
        header.add("ratio platform/keycloak");
        md.append("| ").append(String.join(" | ", header)).append(" |\n")
                .append("|").append("---|".repeat(header.size())).append('\n');
        for (PointResult point : points) {
            List<String> row = new ArrayList<>(List.of(point.target(), String.valueOf(point.concurrency()),
                    String.valueOf(point.round()), number(point.loginsPerSecond()), number(point.p50Ms()),
                    number(point.p95Ms()), number(point.p99Ms()), errors(point), number(point.cpuMsPerLogin())));
            for (String name : processNames()) {
                PointResult.ProcessCost cost = point.processes().get(name);
                row.add(cost == null ? "" : number(cost.cpuMsPerLogin()) + " (" + cost.rssKb() / 1024 + ")");
            }
            row.add(ratio(point).map(BenchmarkReport::ratioText).orElse(""));
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    /** One line per point and process name; a point's own columns repeat on each of its lines. */
    public String csv() {
        StringBuilder csv = new StringBuilder("target,concurrency,round,seconds,logins,logins_per_s,p50_ms,p95_ms,p99_ms,"
                + "errors,error_outcomes,cpu_ms_per_login,ratio_platform_keycloak,process,pids,process_cpu_ms_per_login,process_rss_kb\n");
        for (PointResult point : points) {
            String common = String.join(",", point.target(), String.valueOf(point.concurrency()), String.valueOf(point.round()),
                    number(point.seconds()), String.valueOf(point.logins()), number(point.loginsPerSecond()),
                    number(point.p50Ms()), number(point.p95Ms()), number(point.p99Ms()), String.valueOf(point.errorCount()),
                    quoted(errors(point)), number(point.cpuMsPerLogin()), ratio(point).map(BenchmarkReport::ratioText).orElse(""));
            point.processes().forEach((name, cost) -> csv.append(common).append(',').append(name).append(',')
                    .append(cost.pids()).append(',').append(number(cost.cpuMsPerLogin())).append(',').append(cost.rssKb()).append('\n'));
            if (point.processes().isEmpty()) {
                csv.append(common).append(",,,,\n");
            }
        }
        return csv.toString();
    }

    /** Writes {@code logins.csv} and {@code logins.md} to {@code directory}; returns the two files. */
    public List<Path> writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path csv = Files.writeString(directory.resolve("logins.csv"), csv());
            Path md = Files.writeString(directory.resolve("logins.md"), markdown());
            return List.of(csv, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String errors(PointResult point) {
        return point.errors().isEmpty() ? "0" : point.errors().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String ratioText(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
