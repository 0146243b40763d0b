package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.demo.ApiException;
import hu.tokenplatform.demo.Branch;
import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin.Page;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin;
import hu.tokenplatform.platformdriver.RunningPlatform;
import hu.tokenplatform.testkit.PostgresDatabase;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 14: two instances of token-registry, unlock-service and auth-service (run-platform.sh with
 * PLATFORM_INSTANCES=2) against the same databases and broker, as replicas behind one Service. A login moves
 * between the auth-service instances; both registries' outbox relays deliver every event at least once, and the
 * survivor relays what a killed instance left; lockouts and rate limits count across instances; a signing key
 * rotated by one auth-service is published and trusted by both. Measured facts go to {@code target/scale-out.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Duration START_PATIENCE = Duration.ofMinutes(15);
    private static final String COMPANY = "SCALE-KFT";
    private static final String CUSTOMER = "27182818";
    private static final String CSN = "5CA1E00000000A01";
    private static final String PIN = "Scale#Out2026";
    private static final String E_PIN = "583920";
    private static final String WRONG_E_PIN = "402817";
    /** Registrations spread over both registries in the events case. */
    private static final int EVENTS = 40;
    /** At least once allows duplicates; the relays' advisory lock should make them rare: this many at most. */
    private static final int DUPLICATES_ALLOWED = EVENTS / 10;
    /** Events committed by the instance that is then killed while no relay may publish. */
    private static final int PENDING_EVENTS = 8;
    /** service-kit OutboxRelay.RELAY_LOCK: holding it stops every instance's relay (the test sees if it does not). */
    private static final long RELAY_LOCK = 0x6f7574626f78L;
    /** Verification attempts one helpdesk agent may make per hour, set low for this platform (default 30). */
    private static final int VERIFICATIONS_PER_AGENT = 12;
    /** Signing keys rotate this often here (default 30 days), checked every few seconds. */
    private static final Duration KEY_ROTATION = Duration.ofSeconds(90);
    /** auth-service SigningKeys: each instance rereads the keys this often, and a new key signs only after twice that. */
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(30);
    private static final Duration KEY_ACTIVATION_DELAY = KEY_CACHE_TTL.multipliedBy(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningPlatform platform;
    private static Path work;
    private static TokenDevice token;
    private static TokenSession session;
    /** Every verification the helpdesk agent made that the service counted (every answer but rate-limited). */
    private static final AtomicInteger verificationsCounted = new AtomicInteger();
    /** What was measured, for target/scale-out.md, in the order measured. */
    private static final Map<String, String> facts = new LinkedHashMap<>();

    @BeforeAll
    static void startTwoInstancesOfEachServiceAndHandOverAToken() throws Exception {
        work = Path.of("target", "scale-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        platform = new RunningPlatform(work.resolve("var"), "scale", 2);
        platform.environment.put("AUTH_OIDC_KEY_ROTATION", KEY_ROTATION.toSeconds() + "s");
        platform.environment.put("AUTH_OIDC_KEY_ROTATION_CHECK", "3s");
        platform.environment.put("UNLOCK_LIMITS_VERIFICATIONS_PER_AGENT_PER_HOUR", String.valueOf(VERIFICATIONS_PER_AGENT));
        platform.startAllowingOneSlowFirstStart(START_PATIENCE);

        Branch branch = new Branch(platform.staff("REGISTRY_HTTP_PORT", "officer"));
        branch.registerCompany(COMPANY, "Scale Kft.");
        branch.receiveStock("SCALE-DELIVERY-1", List.of(CSN));
        branch.registerUser(CUSTOMER, "Skála Ottó", COMPANY, false);
        Path home = work.resolve("user-" + CUSTOMER);
        UsersComputer computer = new UsersComputer(platform, home, platform.secrets().get("UNLOCK_MASTER_KEYSTORE_PASSWORD"));
        computer.tokenManager.run("", "factory", "--csn", CSN,
                "--master-keystore", platform.var.resolve("unlock-service/master-unlock-key.p12").toString(),
                "--attestation-ca", platform.var.resolve("token-factory/factory-ca.p12").toString()).requireSuccess("factory");
        branch.handOver(computer.tokenManager, CUSTOMER, CSN, false, "SC" + CUSTOMER.substring(0, 6), work);
        computer.tokenManager.run(PIN + "\n" + PIN + "\n", "set-pin").requireSuccess("set-pin");
        token = new TokenPort(home.resolve("token")).open();
        session = token.login(PIN.toCharArray());
    }

    @AfterAll
    static void writeTheFactsAndStopThePlatform() throws IOException {
        try {
            StringBuilder report = new StringBuilder("# Scale-out, measured\n\n").append(Instant.now())
                    .append(", `ScaleOutIT` over `PLATFORM_INSTANCES=2 deploy/run-platform.sh`: two instances each of token-registry,")
                    .append(" unlock-service and auth-service on one PostgreSQL and one Kafka broker.\n\n| what | measured |\n|---|---|\n");
            facts.forEach((what, value) -> report.append("| ").append(what).append(" | ").append(value).append(" |\n"));
            Files.writeString(Path.of("target", "scale-out.md").toAbsolutePath(), report);
            System.out.println(report);
            if (session != null) {
                session.close();
            }
            if (token != null) {
                token.close();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
    }

    // --- a login moves between auth-service instances ------------------------------------------------------

    @Test
    @Order(1)
    void aLoginStartedOnOneAuthServiceInstanceFinishesOnTheOtherAndCannotBeFinishedTwice() throws Exception {
        awaitFirstLogin();

        // Page from #1, assertion to #2's agent endpoint, the page finished at #2, the code redeemed at #1.
        HeadlessTokenLogin pageOneAgentTwo = new HeadlessTokenLogin(platform, session, "AUTH_HTTP_PORT", "AUTH_AGENT_PORT_2");
        Page page = pageOneAgentTwo.openPage();
        assertEquals(HeadlessTokenLogin.AUTHENTICATED, pageOneAgentTwo.sendAssertion(page));
        String code = complete("AUTH_HTTP_PORT_2", page).orElseThrow(() -> new AssertionError("#2 did not finish #1's login"));
        assertTrue(complete("AUTH_HTTP_PORT", page).isEmpty(), "#1 finished a login #2 had finished already");
        JsonNode tokens = redeem("AUTH_HTTP_PORT", page, code);
        assertTrue(tokens.path("id_token").isTextual(), tokens.toString());
        JsonNode again = redeemAnswer("AUTH_HTTP_PORT_2", page, code);
        assertEquals("invalid_grant", again.path("error").asText(), "a code redeemed at #1 was redeemed again at #2: " + again);

        // Page from #2, assertion to #1; the same assertion again to #2 is refused; finished at #1, redeemed at #2.
        HeadlessTokenLogin pageTwoAgentOne = new HeadlessTokenLogin(platform, session, "AUTH_HTTP_PORT_2", "AUTH_AGENT_PORT");
        HeadlessTokenLogin pageTwoAgentTwo = new HeadlessTokenLogin(platform, session, "AUTH_HTTP_PORT_2", "AUTH_AGENT_PORT_2");
        Page second = pageTwoAgentOne.openPage();
        assertEquals(HeadlessTokenLogin.AUTHENTICATED, pageTwoAgentOne.sendAssertion(second));
        String replayed = pageTwoAgentTwo.sendAssertion(second);
        assertNotEquals(HeadlessTokenLogin.AUTHENTICATED, replayed, "#2 accepted an assertion #1 had accepted");
        String secondCode = complete("AUTH_HTTP_PORT", second).orElseThrow(() -> new AssertionError("#1 did not finish #2's login"));
        assertTrue(redeem("AUTH_HTTP_PORT_2", second, secondCode).path("id_token").isTextual());
        facts.put("login: page #1 → assertion #2 → finished #2 → code at #1", "authenticated; finished again at #1: refused; code again at #2: `invalid_grant`");
        facts.put("login: page #2 → assertion #1 → finished #1 → code at #2", "authenticated; the same assertion at #2: `" + replayed + "`");
        // The projection's applied offsets are in the shared database, so the instance that consumes no partition can show it current too.
        facts.put("`auth_projection_current` at auth #1 / #2", projectionCurrent("AUTH_HTTP_PORT") + " / " + projectionCurrent("AUTH_HTTP_PORT_2"));
    }

    // --- events: both relays, at least once, none lost -----------------------------------------------------

    @Test
    @Order(2)
    void companiesRegisteredConcurrentlyThroughBothRegistriesAreEachAnnouncedAtLeastOnce() throws Exception {
        StaffApi one = platform.staff("REGISTRY_HTTP_PORT", "officer");
        StaffApi two = new StaffApi(platform.url("REGISTRY_HTTP_PORT_2"), platform.signIn("officer"));
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            companies.add("SCALE-EV-%03d".formatted(i));
        }
        try (TopicProbe topic = TopicProbe.subscribe(platform.observer(), Topics.REGISTRY_USERS)) {
            long started = System.nanoTime();
            ExecutorService officers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> registrations = new ArrayList<>();
                for (int i = 0; i < companies.size(); i++) {
                    Branch branch = new Branch(i % 2 == 0 ? one : two);
                    String company = companies.get(i);
                    registrations.add(officers.submit(() -> branch.registerCompany(company, "Scale " + company)));
                }
                for (Future<?> registration : registrations) {
                    registration.get(2, TimeUnit.MINUTES);
                }
            } finally {
                officers.shutdownNow();
            }
            Set<String> expected = new TreeSet<>(companies);
            List<ConsumerRecord<String, String>> announced = topic.awaitCount(r -> expected.contains(companyOf(r)), EVENTS, Duration.ofSeconds(60));
            long allSeen = System.nanoTime();
            // A moment more for any duplicate still on its way.
            Thread.sleep(2_000);
            announced = topic.records().stream().filter(r -> expected.contains(companyOf(r))).toList();
            Map<String, Long> perCompany = announced.stream().collect(Collectors.groupingBy(ScaleOutIT::companyOf, Collectors.counting()));
            Map<String, Long> perEventId = announced.stream().collect(Collectors.groupingBy(ScaleOutIT::eventId, Collectors.counting()));
            long duplicates = announced.size() - perEventId.size();
            facts.put("events: " + EVENTS + " companies registered, alternately at registry #1 and #2, 8 at a time",
                    announced.size() + " records, " + perEventId.size() + " distinct event ids, **" + duplicates + " duplicates**; "
                            + "all announced " + TimeUnit.NANOSECONDS.toMillis(allSeen - started) + " ms after the first call");
            assertEquals(expected, perCompany.keySet(), "companies never announced");
            assertEquals(EVENTS, perEventId.size(), "one event per registration, however often delivered: " + perEventId);
            assertTrue(duplicates <= DUPLICATES_ALLOWED, duplicates + " duplicates, more than " + DUPLICATES_ALLOWED);
        }
    }

    /**
     * Last, as it kills registry #2: with the relays held (the test takes their advisory lock), #2 commits events and
     * is killed (SIGKILL, as a crashed pod) before it can publish them; once the lock is free, #1's relay publishes them.
     */
    @Test
    @Order(9)
    void eventsLeftByAKilledRegistryInstanceAreRelayedByTheOther() throws Exception {
        StaffApi two = new StaffApi(platform.url("REGISTRY_HTTP_PORT_2"), platform.signIn("officer"));
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < PENDING_EVENTS; i++) {
            companies.add("SCALE-PEND-%02d".formatted(i));
        }
        Set<String> expected = new TreeSet<>(companies);
        PostgresDatabase registry = platform.registryDatabase();
        try (TopicProbe topic = TopicProbe.subscribe(platform.observer(), Topics.REGISTRY_USERS)) {
            long released;
            try (Connection relayHolder = DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password());
                 Statement statement = relayHolder.createStatement()) {
                statement.execute("select pg_advisory_lock(" + RELAY_LOCK + ")");
                for (String company : companies) {
                    new Branch(two).registerCompany(company, "Pending " + company);
                }
                // #2's wake after each commit and both polls (every second) try the lock meanwhile.
                Thread.sleep(3_000);
                assertEquals(List.of(), topic.records().stream().filter(r -> expected.contains(companyOf(r))).map(ScaleOutIT::companyOf).toList(),
                        "published while the relays were held: RELAY_LOCK is not service-kit's");
                ProcessHandle registryTwo = platform.service("token-registry-2");
                registryTwo.destroyForcibly();
                registryTwo.onExit().get(1, TimeUnit.MINUTES);
                released = System.nanoTime();
            }
            List<ConsumerRecord<String, String>> announced = topic.awaitCount(r -> expected.contains(companyOf(r)), PENDING_EVENTS, Duration.ofSeconds(30));
            long tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
            facts.put("events: " + PENDING_EVENTS + " committed at registry #2, #2 killed (SIGKILL) before publishing",
                    "all " + announced.size() + " published by #1 **" + tookOver + " ms** after the relays were free (poll every 1 s)");
            assertEquals(expected, announced.stream().map(ScaleOutIT::companyOf).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    // --- lockouts and rate limits across instances -------------------------------------------------------------

    /** The local Prometheus (when installed) scrapes both instances of each service, as the ServiceMonitor does every pod. */
    @Test
    @Order(6)
    void prometheusScrapesBothInstancesOfEachService() throws Exception {
        assumeTrue(isInstalled("prometheus"), "Prometheus is not installed here: run-platform.sh started none");
        URI targets = platform.url("PROMETHEUS_PORT").resolve("/api/v1/targets?state=active");
        Map<String, List<String>> upByJob = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode active = JSON.readTree(HTTP.send(HttpRequest.newBuilder(targets).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("data").path("activeTargets");
            Map<String, List<String>> up = new TreeMap<>();
            for (JsonNode target : active) {
                if ("up".equals(target.path("health").asText())) {
                    up.computeIfAbsent(target.path("labels").path("job").asText(), job -> new ArrayList<>())
                            .add(target.path("labels").path("instance").asText());
                }
            }
            upByJob = up;
            if (up.values().stream().filter(instances -> instances.size() == 2).count() == 3) {
                break;
            }
            sleep(2_000);
        }
        for (String job : List.of("token-registry", "auth-service", "unlock-service")) {
            assertEquals(2, upByJob.getOrDefault(job, List.of()).size(), job + "'s instances scraped and up: " + upByJob);
        }
        facts.put("Prometheus targets up per job", upByJob.toString());
    }

    private static boolean isInstalled(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    }

    @Test
    @Order(3)
    void threeWrongEPinsSentAlternatelyToBothUnlockServicesLockTheCallerOnBoth() {
        StaffApi officer = new StaffApi(platform.url("UNLOCK_HTTP_PORT_2"), platform.signIn("officer"));
        awaitEPinSet(officer);
        String helpdesk = platform.signIn("helpdesk");
        StaffApi one = new StaffApi(platform.url("UNLOCK_HTTP_PORT"), helpdesk);
        StaffApi two = new StaffApi(platform.url("UNLOCK_HTTP_PORT_2"), helpdesk);

        assertEquals("caller-not-verified", verify(one, CUSTOMER, WRONG_E_PIN));
        assertEquals("caller-not-verified", verify(two, CUSTOMER, WRONG_E_PIN));
        // The third wrong e-PIN overall, the second #1 sees itself: a per-instance count would not lock yet.
        assertEquals("e-pin-locked", verify(one, CUSTOMER, WRONG_E_PIN));
        assertEquals("e-pin-locked", verify(two, CUSTOMER, E_PIN), "#2 let the locked caller verify with the right e-PIN");
        assertEquals("e-pin-locked", verify(one, CUSTOMER, E_PIN), "#1 let the locked caller verify with the right e-PIN");
        facts.put("e-PIN lockout: wrong e-PINs at unlock #1, #2, #1", "locked after the third; the right e-PIN then refused as `e-pin-locked` at #2 and #1");
    }

    @Test
    @Order(4)
    void anAgentsVerificationsPerHourAreCountedAcrossBothUnlockServices() {
        String helpdesk = platform.signIn("helpdesk");
        List<StaffApi> instances = List.of(new StaffApi(platform.url("UNLOCK_HTTP_PORT"), helpdesk),
                new StaffApi(platform.url("UNLOCK_HTTP_PORT_2"), helpdesk));
        List<String> answers = new ArrayList<>();
        int countedBefore = verificationsCounted.get();
        for (int i = 0; i < 2 * VERIFICATIONS_PER_AGENT && !answers.contains("rate-limited"); i++) {
            // A new unknown identifier each time, so that no lockout answers before the rate limit does.
            answers.add(verify(instances.get(i % 2), "9%07d".formatted(i), WRONG_E_PIN));
        }
        int refusedAt = verificationsCounted.get();
        String otherInstance = verify(instances.get(answers.size() % 2), "98765432", WRONG_E_PIN);
        facts.put("helpdesk verifications per agent per hour (limit " + VERIFICATIONS_PER_AGENT + " here), alternately at unlock #1 and #2",
                "refused as `rate-limited` after " + refusedAt + " counted (" + countedBefore + " by the lockout case, "
                        + (refusedAt - countedBefore) + " here); the other instance then: `" + otherInstance + "`");
        assertEquals("rate-limited", answers.get(answers.size() - 1), "never rate-limited: " + answers);
        assertEquals(VERIFICATIONS_PER_AGENT, refusedAt, "the limit held at another count: " + answers);
        assertEquals("rate-limited", otherInstance);
    }

    // --- signing key rotation seen by both ---------------------------------------------------------------------

    @Test
    @Order(5)
    void aRotatedSigningKeyIsPublishedByBothInstancesAndTheirTokensVerifyWithEachOthersJwks() throws Exception {
        Set<String> known = new TreeSet<>(kids(jwks("AUTH_HTTP_PORT")));
        known.addAll(kids(jwks("AUTH_HTTP_PORT_2")));
        long deadline = System.nanoTime() + KEY_ROTATION.plus(KEY_CACHE_TTL).plusSeconds(30).toNanos();
        String fresh = null;
        String firstInstance = null;
        long firstSeen = 0;
        while (fresh == null) {
            for (String instance : List.of("AUTH_HTTP_PORT", "AUTH_HTTP_PORT_2")) {
                Set<String> listed = kids(jwks(instance));
                listed.removeAll(known);
                if (!listed.isEmpty() && fresh == null) {
                    fresh = listed.iterator().next();
                    firstInstance = instance;
                    firstSeen = System.nanoTime();
                }
            }
            if (fresh == null) {
                if (System.nanoTime() > deadline) {
                    fail("no new signing key within " + KEY_ROTATION + " and the cache time; known " + known);
                }
                Thread.sleep(100);
            }
        }
        String otherInstance = firstInstance.equals("AUTH_HTTP_PORT") ? "AUTH_HTTP_PORT_2" : "AUTH_HTTP_PORT";
        long otherDeadline = firstSeen + KEY_CACHE_TTL.plusSeconds(10).toNanos();
        while (!kids(jwks(otherInstance)).contains(fresh)) {
            if (System.nanoTime() > otherDeadline) {
                fail("the other instance did not publish key " + fresh + " within " + KEY_CACHE_TTL.plusSeconds(10));
            }
            Thread.sleep(100);
        }
        long pickedUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstSeen);

        // The new key signs once it has been published for the activation delay (it was made before firstSeen).
        long signsFrom = firstSeen + KEY_ACTIVATION_DELAY.plusSeconds(2).toNanos();
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(signsFrom - System.nanoTime())));
        String byOne = idToken("AUTH_HTTP_PORT", "AUTH_AGENT_PORT_2", "AUTH_HTTP_PORT_2", "AUTH_HTTP_PORT");
        String byTwo = idToken("AUTH_HTTP_PORT_2", "AUTH_AGENT_PORT", "AUTH_HTTP_PORT", "AUTH_HTTP_PORT_2");
        facts.put("signing key rotation (every " + KEY_ROTATION.toSeconds() + " s here)", "new key first listed by "
                + label(firstInstance) + ", by " + label(otherInstance) + " **" + pickedUp + " ms** later (cache " + KEY_CACHE_TTL.toSeconds() + " s)");
        assertEquals(fresh, kid(byOne), "#1 does not sign with the new key " + KEY_ACTIVATION_DELAY.toSeconds() + " s after it appeared");
        assertEquals(fresh, kid(byTwo), "#2 does not sign with the new key " + KEY_ACTIVATION_DELAY.toSeconds() + " s after it appeared");
        assertTrue(verifies(byOne, jwks("AUTH_HTTP_PORT_2")), "#1's ID token does not verify with #2's JWKS");
        assertTrue(verifies(byTwo, jwks("AUTH_HTTP_PORT")), "#2's ID token does not verify with #1's JWKS");
        assertTrue(verifies(byOne, jwks("AUTH_HTTP_PORT")) && verifies(byTwo, jwks("AUTH_HTTP_PORT_2")));
        String issuer = platform.url("AUTH_HTTP_PORT").toString();
        assertEquals(issuer, claims(byOne).path("iss").asText());
        assertEquals(issuer, claims(byTwo).path("iss").asText(), "#2 names another issuer than the public origin");
        facts.put("ID tokens after the rotation", "signed by #1 and by #2 with the new key; each verifies with the other's JWKS; issuer " + issuer + " from both");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** auth-service's projections may not know the token's certificate yet: a few logins a second apart. */
    private static void awaitFirstLogin() throws InterruptedException {
        HeadlessTokenLogin login = new HeadlessTokenLogin(platform, session);
        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            HeadlessTokenLogin.Attempt first = login.logIn();
            if (first.accepted()) {
                return;
            }
            outcomes.add(first.outcome());
            Thread.sleep(1_000);
        }
        throw new AssertionError("the token never logged in: " + outcomes);
    }

    /** The page finishes the login at the instance on {@code portVariable}: the authorization code, or empty if refused. */
    private static Optional<String> complete(String portVariable, Page page) throws IOException, InterruptedException {
        return new HeadlessTokenLogin(platform, session).complete(platform.url(portVariable), page);
    }

    private static JsonNode redeem(String portVariable, Page page, String code) throws IOException, InterruptedException {
        JsonNode answer = redeemAnswer(portVariable, page, code);
        assertTrue(answer.has("id_token"), "the code was not redeemed at " + label(portVariable) + ": " + answer);
        return answer;
    }

    /** Electra's back end redeems the code at the instance on {@code portVariable}. */
    private static JsonNode redeemAnswer(String portVariable, Page page, String code) throws IOException, InterruptedException {
        return new HeadlessTokenLogin(platform, session).redeem(platform.url(portVariable), page, code);
    }

    /** A whole login: page, assertion, finish and code on the instances named; its ID token. */
    private static String idToken(String pagePort, String agentPort, String finishPort, String tokenPort) throws Exception {
        HeadlessTokenLogin login = new HeadlessTokenLogin(platform, session, pagePort, agentPort);
        Page page = login.openPage();
        assertEquals(HeadlessTokenLogin.AUTHENTICATED, login.sendAssertion(page));
        String code = complete(finishPort, page).orElseThrow(() -> new AssertionError(label(finishPort) + " did not finish the login"));
        return redeem(tokenPort, page, code).path("id_token").asText();
    }

    private static void awaitEPinSet(StaffApi officer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                officer.put("/customers/" + CUSTOMER + "/e-pin", Map.of("ePin", E_PIN));
                return;
            } catch (ApiException notYetProjected) {
                if (System.nanoTime() > deadline) {
                    throw notYetProjected;
                }
                sleep(500);
            }
        }
    }

    /** One caller verification as the helpdesk agent; {@code verified} or the refusal's code. */
    private static String verify(StaffApi unlock, String customerId, String ePin) {
        String answer;
        try {
            unlock.post("/caller-verifications", Map.of("customerId", customerId, "ePin", ePin));
            answer = "verified";
        } catch (ApiException refused) {
            answer = refused.code();
        }
        if (!answer.equals("rate-limited")) {
            verificationsCounted.incrementAndGet();
        }
        return answer;
    }

    private static String projectionCurrent(String portVariable) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(platform.url(portVariable).resolve("/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("auth_projection_current"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
    }

    private static JsonNode jwks(String portVariable) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(platform.url(portVariable).resolve("/oidc/jwks"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static Set<String> kids(JsonNode jwks) {
        Set<String> kids = new TreeSet<>();
        jwks.path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }

    private static String kid(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** ES256 over the JWS signing input with the JWKS key of the token's kid (JOSE's signature is R||S). */
    private static boolean verifies(String jwt, JsonNode jwks) throws Exception {
        String kid = kid(jwt);
        JsonNode key = null;
        for (JsonNode candidate : jwks.path("keys")) {
            if (candidate.path("kid").asText().equals(kid)) {
                key = candidate;
            }
        }
        if (key == null) {
            return false;
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("x").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("y").asText())));
        ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        int lastDot = jwt.lastIndexOf('.');
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(publicKey);
        es256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return es256.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    private static String companyOf(ConsumerRecord<String, String> record) {
        return field(record, node -> node.path("data").path("companyId").asText(""));
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        return field(record, node -> node.path("id").asText(""));
    }

    private static String field(ConsumerRecord<String, String> record, Function<JsonNode, String> read) {
        try {
            return read.apply(JSON.readTree(record.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String label(String portVariable) {
        return portVariable.endsWith("_2") ? "#2" : "#1";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
