package hu.tokenplatform.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's command line.
 *
 * @param users        users handed over, logged in round-robin
 * @param concurrency  the closed loop's worker counts, one point each
 * @param warmUp       unmeasured load per target before each concurrency's points
 * @param duration     the measured load per point
 * @param rounds       how often each target is measured at each concurrency, alternating with the others
 * @param out          where the CSV and Markdown reports go
 * @param platformVar  the data directory of a platform already running (run-platform.sh's), or empty to start one
 * @param command      the command line as given, for the report
 */
public record BenchmarkOptions(int users, List<Integer> concurrency, Duration warmUp, Duration duration, int rounds,
                               Path out, Optional<Path> platformVar, String command) {

    static final String USAGE = """
            LoginBenchmark [--users N] [--concurrency 4,8,16,32] [--warmup 60s] [--duration 30s] [--rounds 2]
                           [--smoke] [--out DIR] [--platform-var DIR]
              --smoke          4 users, concurrency 2,4, 3 s warm-up, 2 s per point (the CI's run)
              --platform-var   use the platform already running with its data in DIR (ports from run-platform.sh's
                               variables in the environment, else its defaults) instead of starting one""";

    public static BenchmarkOptions parse(String... arguments) {
        int users = 200;
        List<Integer> concurrency = List.of(4, 8, 16, 32);
        Duration warmUp = Duration.ofSeconds(60);
        Duration duration = Duration.ofSeconds(30);
        int rounds = 2;
        Path out = Path.of("benchmarks/target/results");
        Optional<Path> platformVar = Optional.ofNullable(System.getenv("BENCH_PLATFORM_VAR")).map(Path::of);
        // --smoke first, so that options after it (or before it) given explicitly still win.
        List<String> given = new ArrayList<>(Arrays.asList(arguments));
        if (given.contains("--smoke")) {
            users = 4;
            concurrency = List.of(2, 4);
            warmUp = Duration.ofSeconds(3);
            duration = Duration.ofSeconds(2);
        }
        for (int i = 0; i < given.size(); i++) {
            String option = given.get(i);
            if (option.equals("--smoke")) {
                continue;
            }
            if (i + 1 >= given.size()) {
                throw new IllegalArgumentException(option.equals("--help") ? USAGE : "no value for " + option + "\n" + USAGE);
            }
            String value = given.get(++i);
            switch (option) {
                case "--users" -> users = positive(option, Integer.parseInt(value));
                case "--concurrency" -> concurrency = Arrays.stream(value.split(",")).map(String::trim)
                        .map(c -> positive(option, Integer.parseInt(c))).toList();
                case "--warmup" -> warmUp = duration(value);
                case "--duration" -> duration = duration(value);
                case "--rounds" -> rounds = positive(option, Integer.parseInt(value));
                case "--out" -> out = Path.of(value);
                case "--platform-var" -> platformVar = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(users, concurrency, warmUp, duration, rounds, out, platformVar,
                "LoginBenchmark " + String.join(" ", arguments));
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, or plain seconds. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return value;
    }
}
