package hu.tokenplatform.benchmarks;

import hu.tokenplatform.benchmarks.keycloak.KeycloakX509Target;
import hu.tokenplatform.benchmarks.platform.HandOverDesk;
import hu.tokenplatform.benchmarks.platform.PlatformProcesses;
import hu.tokenplatform.benchmarks.platform.PlatformTarget;
import hu.tokenplatform.benchmarks.platform.MeasuredPlatform;
import hu.tokenplatform.platformdriver.RunningPlatform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The login benchmark: starts the platform (or uses one that runs), hands over N users through the staff APIs, and
 * at each concurrency warms every target up and then measures them in turn, alternating, for the rounds asked. Prints
 * the table and writes {@code logins.csv} and {@code logins.md} to the output directory.
 */
public final class LoginBenchmark {

    /** How long run-platform.sh may take: Keycloak's first start builds its server. */
    private static final Duration PLATFORM_START = Duration.ofMinutes(10);
    /**
     * Login pages one address may open per minute (auth-service's default 300): the load generator is one address
     * doing the work of many browsers, so the limit is raised for the benchmark's platform. The counter is still
     * kept, so its cost is in what is measured.
     */
    private static final String LOGIN_PAGES_PER_ADDRESS = "1000000";

    private LoginBenchmark() {
    }

    public static void main(String[] arguments) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The users' HTTP clients and the platform's output reader hold threads: the benchmark is done.
        System.exit(0);
    }

    /** The whole benchmark; returns the report written. */
    public static BenchmarkReport run(BenchmarkOptions options) {
        Path work = options.out().toAbsolutePath()
                .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        RunningPlatform started = null;
        try {
            MeasuredPlatform platform;
            if (options.platformVar().isPresent()) {
                platform = MeasuredPlatform.running(options.platformVar().get(), System.getenv());
                say("Using the platform running with its data in " + platform.var());
            } else {
                started = new RunningPlatform(repository(), work.resolve("var"), "bench", 1);
                started.environment.put("AUTH_THROTTLE_LOGIN_PAGES", LOGIN_PAGES_PER_ADDRESS);
                say("Starting the platform (deploy/run-platform.sh), its data in " + started.var + " ...");
                started.start(PLATFORM_START);
                platform = MeasuredPlatform.of(started);
            }
            return measure(options, platform, work);
        } finally {
            if (started != null) {
                say("Stopping the platform ...");
                started.close();
            }
        }
    }

    private static BenchmarkReport measure(BenchmarkOptions options, MeasuredPlatform platform, Path work) {
        long handOverStart = System.nanoTime();
        try (HandOverDesk.HandedOver handed = new HandOverDesk(platform, work.resolve("tokens")).handOver(options.users())) {
            say("Handed over " + handed.users().size() + " users in " + seconds(System.nanoTime() - handOverStart)
                    + " s; auth-service accepts each one's login.");
            int postgresPort = Integer.parseInt(platform.postgres().substring(platform.postgres().lastIndexOf(':') + 1));
            List<LoginTarget> targets = new ArrayList<>();
            targets.add(new PlatformTarget(platform, new PlatformProcesses(platform.var(), postgresPort, new ProcFs())));
            try {
                say("Starting Keycloak with the X.509 direct-grant realm, trusting the platform's issuing CA ...");
                KeycloakX509Target keycloak = KeycloakX509Target.start(work, platform.issuingChain(),
                        KeycloakX509Target.Revocation.CRL_DISTRIBUTION_POINT);
                targets.add(keycloak);
                keycloak.createUsers(handed.users());
                List<PointResult> points = sweep(options, targets, handed.users());
                BenchmarkReport report = new BenchmarkReport(points, BenchmarkReport.Machine.here(options.command()));
                List<Path> files = report.writeTo(options.out());
                System.out.println();
                System.out.println(report.markdown());
                say("Written: " + files);
                return report;
            } finally {
                targets.forEach(LoginBenchmark::closeIfCloseable);
            }
        }
    }

    private static List<PointResult> sweep(BenchmarkOptions options, List<LoginTarget> targets, List<BenchUser> users) {
        ClosedLoop loop = new ClosedLoop(users, new ProcFs(), ProcFs.clockTicksPerSecond());
        List<PointResult> points = new ArrayList<>();
        for (int concurrency : options.concurrency()) {
            for (LoginTarget target : targets) {
                say("c=" + concurrency + ": warming " + target.name() + " up for " + options.warmUp().toSeconds() + " s");
                loop.warmUp(target, concurrency, options.warmUp());
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (LoginTarget target : targets) {
                    PointResult point = loop.measure(target, concurrency, round, options.duration());
                    say(String.format(Locale.ROOT, "c=%d round %d %-8s %7.1f logins/s  p50 %6.1f  p99 %7.1f ms  errors %d  CPU %.1f ms/login",
                            concurrency, round, target.name(), point.loginsPerSecond(), point.p50Ms(), point.p99Ms(),
                            point.errorCount(), point.cpuMsPerLogin()));
                    points.add(point);
                }
            }
        }
        return points;
    }

    /** The repository: the system property {@code platform.root}, else the first directory up from here with deploy/run-platform.sh. */
    static Path repository() {
        String given = System.getProperty("platform.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/run-platform.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not in the repository (no deploy/run-platform.sh above " + Path.of("").toAbsolutePath()
                + "); set -Dplatform.root");
    }

    private static void closeIfCloseable(LoginTarget target) {
        if (target instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                say("Closing " + target.name() + " failed: " + e);
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
