package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import hu.tokenplatform.demo.Branch;
import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin.Attempt;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin;
import hu.tokenplatform.platformdriver.RunningPlatform;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 §3 measured over the platform as run-platform.sh starts it: how long after the registry's revoke call
 * returns does auth-service refuse the revoked token's login — with the broker up (the projection applies the
 * event), and with the broker down (the projection cannot be shown current, so auth-service asks the registry's
 * OCSP responder). Loops log in with the token as fast as they can before, during and for 3 s after the call;
 * the numbers go to {@code target/revocation-bound.md}.
 */
class RevocationBoundIT {

    private static final String COMPANY = "BOUND-KFT";
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration WATCHED_AFTER_REVOCATION = Duration.ofSeconds(3);
    private static final String REFUSED = "certificate-revoked";
    /** Logins accepted in a row before the revocation, after a warm-up: the loops run at their steady pace and the token logs in. */
    private static final int ACCEPTED_BEFORE_REVOKING = 6;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /**
     * Logins run side by side, so that the time between two answers is shorter than one login takes on a loaded
     * machine; each loop starts a login at most every 300 ms, together one every 100 ms at the most, which keeps
     * both cases within auth-service's 300 login pages a minute per address.
     */
    private static final int LOOPS = 3;
    private static final Duration LOGIN_SPACING = Duration.ofMillis(300);
    private static final Duration START_PATIENCE = Duration.ofMinutes(15);

    private record User(String customerId, String name, String csn, String pin) {
    }

    private static final User UP = new User("61803398", "Arany Ilona", "0B0D000000000A01", "Bound#Up2026");
    private static final User DOWN = new User("14142135", "Ezüst Péter", "0B0D000000000B02", "Bound#Down2026");

    private static RunningPlatform platform;
    private static Path work;

    @BeforeAll
    static void startThePlatformAndHandOverTwoTokens() {
        work = Path.of("target", "bound-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        platform = new RunningPlatform(work.resolve("var"), "bound");
        platform.startAllowingOneSlowFirstStart(START_PATIENCE);

        Branch branch = new Branch(registryAs("officer"));
        branch.registerCompany(COMPANY, "Bound Kft.");
        branch.receiveStock("BOUND-DELIVERY-1", List.of(UP.csn(), DOWN.csn()));
        for (User user : List.of(UP, DOWN)) {
            branch.registerUser(user.customerId(), user.name(), COMPANY, false);
            UsersComputer computer = new UsersComputer(platform, home(user), platform.secrets().get("UNLOCK_MASTER_KEYSTORE_PASSWORD"));
            computer.tokenManager.run("", "factory", "--csn", user.csn(),
                    "--master-keystore", platform.var.resolve("unlock-service/master-unlock-key.p12").toString(),
                    "--attestation-ca", platform.var.resolve("token-factory/factory-ca.p12").toString()).requireSuccess("factory");
            branch.handOver(computer.tokenManager, user.customerId(), user.csn(), false, "BD" + user.customerId().substring(0, 6), work);
            computer.tokenManager.run(user.pin() + "\n" + user.pin() + "\n", "set-pin").requireSuccess("set-pin");
        }
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            // With the broker already stopped by the last case, the script's stop must still end everything.
            platform.close();
        }
    }

    @Test
    void aRevokedTokenIsRefusedWithinASecondOfTheRevokeCallWithTheBrokerUpAndWithItDown() throws Exception {
        Measurement brokerUp = measure("broker up", UP, () -> {
        });
        // Last: the broker stays down until the platform stops.
        Measurement brokerDown = measure("broker down", DOWN, RevocationBoundIT::stopTheBroker);

        String report = report(List.of(brokerUp, brokerDown));
        Path file = Path.of("target", "revocation-bound.md").toAbsolutePath();
        Files.writeString(file, report);
        writeLogins(Path.of("target", "revocation-bound-logins.csv").toAbsolutePath(), List.of(brokerUp, brokerDown));
        System.out.println(report);

        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (Measurement measurement : List.of(brokerUp, brokerDown)) {
            checks.add(() -> {
                Optional<Attempt> refusal = measurement.firstRefusal();
                assertTrue(refusal.isPresent(), measurement.name() + ": no login was refused as " + REFUSED + " within "
                        + WATCHED_AFTER_REVOCATION.toSeconds() + " s of the revoke call; outcomes " + measurement.outcomes());
                assertTrue(measurement.sinceReturned(refusal.get().answered()) < BOUND.toMillis(), measurement.name()
                        + ": the first refusal came " + measurement.sinceReturned(refusal.get().answered()) + " ms after the revoke call returned");
            });
            checks.add(() -> assertEquals(List.of(), measurement.acceptedAfterFirstRefusal().stream().map(measurement::describe).toList(),
                    measurement.name() + ": logins accepted after the first refusal"));
        }
        checks.add(() -> assertEquals(false, brokerDown.servicesInformed(), "with the broker down the registry cannot say the services were informed"));
        assertAll(checks);
    }

    /** What one case saw: every login of the loop, and when the revoke call was made and returned (System.nanoTime()). */
    private record Measurement(String name, User user, long revokeCalled, long revokeReturned, boolean servicesInformed,
                               String projectionCurrent, List<Attempt> attempts) {

        Measurement {
            attempts = attempts.stream().sorted(java.util.Comparator.comparingLong(Attempt::answered)).toList();
        }

        Optional<Attempt> firstRefusal() {
            return attempts.stream().filter(a -> a.outcome().equals(REFUSED)).findFirst();
        }

        /** The last acceptance before the first refusal: with it, the refusal brackets when the revocation took effect. */
        Optional<Attempt> lastAcceptedBeforeFirstRefusal() {
            long refused = firstRefusal().map(Attempt::answered).orElse(Long.MAX_VALUE);
            return attempts.stream().filter(a -> a.accepted() && a.answered() < refused).reduce((earlier, later) -> later);
        }

        List<Attempt> acceptedAfterRevokeReturned() {
            return attempts.stream().filter(a -> a.accepted() && a.answered() > revokeReturned).toList();
        }

        /** Accepted logins whose assertion was sent after the first refusal was answered. */
        List<Attempt> acceptedAfterFirstRefusal() {
            long refused = firstRefusal().map(Attempt::answered).orElse(Long.MAX_VALUE);
            return attempts.stream().filter(a -> a.accepted() && a.sent() > refused).toList();
        }

        long sinceReturned(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos - revokeReturned);
        }

        String describe(Attempt attempt) {
            return "assertion sent " + signed(sinceReturned(attempt.sent())) + " ms, answered " + signed(sinceReturned(attempt.answered())) + " ms";
        }

        long before() {
            return attempts.stream().filter(a -> a.answered() <= revokeReturned).count();
        }

        /** All loops together: the span from the first login's start to the last answer, per login. */
        double meanMillisPerLogin() {
            long span = attempts.get(attempts.size() - 1).answered() - attempts.stream().mapToLong(Attempt::started).min().orElseThrow();
            return span / 1e6 / attempts.size();
        }

        double meanMillisOfOneLogin() {
            return attempts.stream().mapToLong(a -> a.answered() - a.started()).average().orElse(0) / 1e6;
        }

        Map<String, Long> outcomes() {
            return attempts.stream().collect(Collectors.groupingBy(Attempt::outcome, TreeMap::new, Collectors.counting()));
        }
    }

    /**
     * One case: {@code beforeRevoking}, the user's token opened in-process and logged in to with the PIN once,
     * {@link #LOOPS} loops logging in to Electra with it, the branch officer's revoke call (reason LOST), and the
     * loops kept going until {@link #WATCHED_AFTER_REVOCATION} after the call returned.
     */
    private static Measurement measure(String name, User user, Runnable beforeRevoking) throws Exception {
        beforeRevoking.run();
        try (TokenDevice token = new TokenPort(home(user).resolve("token")).open();
             TokenSession session = token.login(user.pin().toCharArray())) {
            awaitFirstLogin(name, new HeadlessTokenLogin(platform, session));
            List<Attempt> attempts = new CopyOnWriteArrayList<>();
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            List<Thread> loops = new ArrayList<>();
            for (int i = 0; i < LOOPS; i++) {
                HeadlessTokenLogin login = new HeadlessTokenLogin(platform, session);
                long offset = LOGIN_SPACING.toNanos() / LOOPS * i;
                Thread loop = new Thread(() -> loginRepeatedly(login, offset, stopAt, attempts), "login-loop-" + user.customerId() + "-" + i);
                loop.setDaemon(true);
                loop.start();
                loops.add(loop);
            }
            long loopsStarted = System.nanoTime();
            try {
                awaitAcceptedInARow(name, attempts);
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(loopsStarted + WARM_UP.toNanos() - System.nanoTime())));
                StaffApi officer = registryAs("officer");
                String projectionCurrent = projectionCurrent();
                long called = System.nanoTime();
                JsonNode revoked = officer.post("/tokens/" + user.csn() + "/revocation", Map.of("reason", "LOST"));
                long returned = System.nanoTime();
                stopAt.set(returned + WATCHED_AFTER_REVOCATION.toNanos());
                join(loops);
                assertEquals("REVOKED", revoked.path("state").asText(), revoked.toString());
                return new Measurement(name, user, called, returned, revoked.path("servicesInformed").asBoolean(), projectionCurrent,
                        List.copyOf(attempts));
            } finally {
                stopAt.set(0);
                join(loops);
            }
        }
    }

    private static void loginRepeatedly(HeadlessTokenLogin login, long offsetNanos, AtomicLong stopAt, List<Attempt> attempts) {
        long next = System.nanoTime() + offsetNanos;
        while (true) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (System.nanoTime() >= stopAt.get()) {
                return;
            }
            next = System.nanoTime() + LOGIN_SPACING.toNanos();
            attempts.add(login.logIn());
        }
    }

    private static void join(List<Thread> loops) throws InterruptedException {
        for (Thread loop : loops) {
            loop.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /**
     * The token's first login, retried a few times a second apart while auth-service's projection may not know the
     * certificate yet: fewer tries than the certificate's refusal limit (10), so that the token is not rate-limited.
     */
    private static void awaitFirstLogin(String name, HeadlessTokenLogin login) throws InterruptedException {
        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            Attempt first = login.logIn();
            if (first.accepted()) {
                return;
            }
            outcomes.add(first.outcome());
            Thread.sleep(1_000);
        }
        throw new AssertionError(name + ": the token never logged in before the revocation: " + outcomes);
    }

    private static void awaitAcceptedInARow(String name, List<Attempt> attempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Attempt> seen = List.copyOf(attempts);
            if (seen.size() >= ACCEPTED_BEFORE_REVOKING
                    && seen.subList(seen.size() - ACCEPTED_BEFORE_REVOKING, seen.size()).stream().allMatch(Attempt::accepted)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + ": the loop's logins were not accepted before the revocation: "
                + attempts.stream().map(Attempt::outcome).toList());
    }

    /**
     * Stops the platform's broker as its stop script does (deploy/local-kafka.sh, stop_kafka): SIGTERM to the pid
     * in var/kafka/pid, wait until it is gone, remove the pid file — so that the platform's own stop later does not
     * signal whatever process has that pid by then.
     */
    private static void stopTheBroker() {
        try {
            Path pidFile = platform.var.resolve("kafka/pid");
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the broker (pid " + pid + ") is not running"));
            broker.destroy();
            broker.onExit().get(2, TimeUnit.MINUTES);
            Files.delete(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not stop", e);
        }
    }

    /** auth-service's {@code auth_projection_current} gauge, as its metrics endpoint shows it now. */
    private static String projectionCurrent() {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.url("AUTH_HTTP_PORT") + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith("auth_projection_current"))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
        } catch (IOException e) {
            return "unreadable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unread";
        }
    }

    private static String report(List<Measurement> measurements) {
        StringBuilder report = new StringBuilder("""
                # Revocation bound, measured end to end

                %s, `RevocationBoundIT` over `deploy/run-platform.sh` (built jars, local Kafka, PostgreSQL, Keycloak).
                %d loops log in to Electra side by side with the user's virtual token over the real protocol (login page,
                signature on the token, assertion over mutual TLS); the branch officer revokes the token (reason LOST).
                R is the instant `POST /tokens/{csn}/revocation` returned; times are relative to R, measured with one
                monotonic clock; a login's time is when auth-service's answer arrived. Bound: the first `%s`
                within %d ms of R, and no login accepted after it. The broker-down case stops the broker (SIGTERM)
                before the loop starts.

                """.formatted(Instant.now(), LOOPS, REFUSED, BOUND.toMillis()));
        report.append("| | ").append(measurements.stream().map(Measurement::name).collect(Collectors.joining(" | "))).append(" |\n");
        report.append("|---|").append("---|".repeat(measurements.size())).append('\n');
        row(report, "token (CSN)", measurements, m -> "`" + m.user().csn() + "`");
        row(report, "`auth_projection_current` just before the call", measurements, Measurement::projectionCurrent);
        row(report, "revoke call took", measurements, m -> TimeUnit.NANOSECONDS.toMillis(m.revokeReturned() - m.revokeCalled()) + " ms");
        row(report, "`servicesInformed`", measurements, m -> String.valueOf(m.servicesInformed()));
        row(report, "first refusal after R (answer; assertion sent)", measurements, m -> m.firstRefusal()
                .map(a -> "**" + signed(m.sinceReturned(a.answered())) + " ms**; " + signed(m.sinceReturned(a.sent())) + " ms").orElse("none"));
        row(report, "last acceptance before it (answer)", measurements, m -> m.lastAcceptedBeforeFirstRefusal()
                .map(a -> signed(m.sinceReturned(a.answered())) + " ms").orElse("none"));
        row(report, "accepted after R", measurements, m -> m.acceptedAfterRevokeReturned().size()
                + (m.acceptedAfterRevokeReturned().isEmpty() ? "" : " (" + m.acceptedAfterRevokeReturned().stream()
                .map(a -> signed(m.sinceReturned(a.answered())) + " ms").collect(Collectors.joining(", ")) + ")"));
        row(report, "accepted after the first refusal", measurements, m -> String.valueOf(m.acceptedAfterFirstRefusal().size()));
        row(report, "logins made (answered before R / after R)", measurements,
                m -> m.attempts().size() + " (" + m.before() + " / " + (m.attempts().size() - m.before()) + ")");
        row(report, "login rate (all loops; one login takes)", measurements, m -> String.format(Locale.ROOT,
                "%.1f logins/s, one every %.0f ms; %.0f ms", 1000 / m.meanMillisPerLogin(), m.meanMillisPerLogin(), m.meanMillisOfOneLogin()));
        row(report, "outcomes", measurements, m -> m.outcomes().entrySet().stream()
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining(", ")));
        report.append("\nEvery login: `target/revocation-bound-logins.csv`.\n");
        return report.toString();
    }

    private static void row(StringBuilder report, String label, List<Measurement> measurements,
                            java.util.function.Function<Measurement, String> value) {
        report.append("| ").append(label).append(" | ")
                .append(measurements.stream().map(value).collect(Collectors.joining(" | "))).append(" |\n");
    }

    private static void writeLogins(Path file, List<Measurement> measurements) throws IOException {
        StringBuilder csv = new StringBuilder("case,started_ms_after_R,assertion_sent_ms_after_R,answered_ms_after_R,outcome\n");
        for (Measurement m : measurements) {
            for (Attempt a : m.attempts()) {
                csv.append(m.name()).append(',').append(m.sinceReturned(a.started())).append(',').append(m.sinceReturned(a.sent()))
                        .append(',').append(m.sinceReturned(a.answered())).append(',').append(a.outcome()).append('\n');
            }
        }
        Files.writeString(file, csv);
    }

    private static String signed(long millis) {
        return (millis >= 0 ? "+" : "") + millis;
    }

    private static Path home(User user) {
        return work.resolve("user-" + user.customerId());
    }

    private static StaffApi registryAs(String user) {
        return platform.staff("REGISTRY_HTTP_PORT", user);
    }
}
