package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.demo.ApiException;
import hu.tokenplatform.demo.Branch;
import hu.tokenplatform.demo.LegacyPassword;
import hu.tokenplatform.demo.RelyingPartyBackend;
import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.demo.TokenManagerProgram;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.kafkasetup.KafkaSetup;
import hu.tokenplatform.platformdriver.RunningPlatform;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.tokencrypto.pin.PinRule;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bank's letter, end to end, over the platform as the README runs it: staff sign in to Keycloak, the branch
 * hands a token over, the user sets the PIN, logs in to Electra and e-posta through a real browser, Token
 * Manager and mutual TLS, loses password login with re-contracting, locks the token, gets it unlocked by the
 * helpdesk, changes the PIN, signs, and finally reports the token lost. Every step checks the events on Kafka
 * and the audit entries. The user sets, unlocks and changes the PIN in Token Manager's windows, typing with the
 * keyboard and clicking as the letter describes ({@link TokenManagerWindows}); she reads the CSN and the Random to
 * the helpdesk off the Unlock window.
 */
class SeedStoryIT {

    private static final String COMPANY = "E2E-KFT";
    private static final String ANNA = "31415926";
    private static final String BELA = "27182818";
    private static final String ANNA_CSN = "0E2E000000000A11";
    private static final String BELA_CSN = "0E2E000000000B22";
    private static final String ANNA_E_PIN = "802157";
    private static final String FIRST_PIN = "Electra#2026";
    private static final String PIN_AFTER_UNLOCK = "Unlock3d!Pin";
    private static final String CHANGED_PIN = "Posta*Mail9";
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    private static RunningPlatform platform;
    private static TopicProbe events;
    private static Path work;

    private UsersComputer anna;
    private Browser browser;

    @BeforeAll
    static void startThePlatform() throws Exception {
        work = Path.of("target", "e2e-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        platform = new RunningPlatform(work.resolve("var"), "e2e");
        platform.start();
        events = TopicProbe.subscribe(platform.observer(), Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS, Topics.UNLOCK_EVENTS, Topics.AUTH_LOGINS);
    }

    @AfterAll
    static void stopThePlatform() {
        try {
            if (events != null) {
                events.close();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
    }

    @Test
    void theSeedLettersStoryFromHandOverToRevocation() throws Exception {
        anna = new UsersComputer(platform, work.resolve("anna"), platform.secrets().get("UNLOCK_MASTER_KEYSTORE_PASSWORD"));
        try (UsersComputer annasComputer = anna; Browser annasBrowser = new Browser(work.resolve("chromium"))) {
            browser = annasBrowser;
            step("1. a branch officer identifies Anna and hands over her token", this::handOverAfterIdentification);
            step("2. first use: a weak PIN is refused, a valid PIN is set and confirmed", this::firstUse);
            step("3. Anna logs in to Electra and to e-posta with the same token", this::logInToElectraAndEPosta);
            step("4. password login works until re-contracting and is refused after it", this::passwordLoginEndsWithRecontracting);
            step("5. five wrong PINs lock the token and login is impossible", this::fiveWrongPinsLockTheToken);
            step("6. the helpdesk unlocks the token with customer id, e-PIN, CSN and Random", this::helpdeskUnlock);
            step("7. Anna changes her PIN and logs in with the new one", this::pinChange);
            step("8. Anna signs with her signing right; Béla has none and cannot", this::signing);
            step("9. the token is reported lost and revoked; login is refused at once", this::lostTokenIsRevoked);
        }
        step("10. Prometheus watches the services with the alert rules, which like the dashboards name only exported metrics",
                this::prometheusWatchesExportedMetrics);
        step("11. Ctrl-C stops everything, and a second start reuses the data", this::restartReusesTheData);
    }

    /**
     * Issue 10 against the platform as run-platform.sh starts it: one kcat of a forged user.registered was enough
     * before. Now a client without credentials is not even told the topic exists, and a service's (or the observer's)
     * credential writes nothing but that principal's own topics.
     */
    @Test
    void theRunningPlatformsBrokerLetsOnlyTheTopicsOwnerWrite() {
        String forged = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/evil\","
                + "\"type\":\"user.registered\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.REGISTRY_USERS, "31415926", forged)).get());
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause());
        }
        for (BrokerPrincipal principal : List.of(BrokerPrincipal.UNLOCK_SERVICE, BrokerPrincipal.AUTH_SERVICE, BrokerPrincipal.OBSERVER)) {
            BrokerLogin login = new BrokerLogin(platform.kafka(), principal.username(),
                    platform.secrets().get(KafkaSetup.passwordVariable(principal)));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TopicProbe.send(login, Topics.REGISTRY_USERS, "31415926", forged), principal.username());
            assertInstanceOf(AuthorizationException.class, refused.getCause(), principal.username());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        try {
            step.run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("step " + name + " failed: " + e.getMessage(), e);
        }
    }

    // --- 1 -----------------------------------------------------------------------------------------------------

    private void handOverAfterIdentification() {
        StaffApi registry = registryAs("officer");
        Branch branch = new Branch(registry);
        branch.registerCompany(COMPANY, "E2E Kft.");
        branch.registerUser(ANNA, "Kovács Anna", COMPANY, true);
        branch.registerUser(BELA, "Nagy Béla", COMPANY, false);
        branch.receiveStock("E2E-DELIVERY-1", List.of(ANNA_CSN, BELA_CSN));

        ApiException helpdeskIsNotAnOfficer = assertThrows(ApiException.class,
                () -> registryAs("helpdesk").post("/users", Map.of()));
        assertEquals(403, helpdeskIsNotAnOfficer.status(), "the registry checks the Keycloak role");
        // The officer's own token from the same realm, issued for another client (Keycloak's built-in admin-cli), lacks
        // the registry's audience: refused, whatever its roles.
        String forAnotherClient = StaffApi.signIn(platform.url("KEYCLOAK_PORT"), RunningPlatform.REALM, "admin-cli", "officer",
                platform.secrets().get("OFFICER_PASSWORD"));
        ApiException notForTheRegistry = assertThrows(ApiException.class,
                () -> new StaffApi(platform.url("REGISTRY_HTTP_PORT"), forAnotherClient).get("/companies/" + COMPANY));
        assertEquals(401, notForTheRegistry.status(), "the registry takes only tokens issued for it (aud)");

        anna.tokenManager.run("", "factory", "--csn", ANNA_CSN, "--master-keystore", masterKeystore(),
                "--attestation-ca", factoryCa()).requireSuccess("factory");
        ApiException noIdentification = assertThrows(ApiException.class, () -> registry.post("/hand-overs",
                Map.of("customerId", ANNA, "csn", ANNA_CSN, "branch", "BUDAPEST-01", "loginCsr", "x")));
        assertEquals(400, noIdentification.status(), "no hand-over without personal identification");

        JsonNode handedOver = branch.handOver(anna.tokenManager, ANNA, ANNA_CSN, true, "AB123456", work);

        assertEquals("ISSUED", handedOver.path("state").asText());
        assertEquals(2, handedOver.path("certificates").size(), "a login and a signing certificate");
        CloudEvent event = awaitEvent("token.handed-over", ANNA_CSN, e -> true);
        assertEquals("officer", event.actor());
        assertEquals(2, events.awaitCount(record -> record.key().equals(ANNA_CSN) && record.value().contains("\"certificate.issued\""),
                2, EVENT_WAIT).size());
        assertAudited(platform.url("REGISTRY_HTTP_PORT"), ANNA_CSN, "certificate.issued", "officer");
        assertAudited(platform.url("REGISTRY_HTTP_PORT"), ANNA, "user.identified", "officer");

        StaffApi unlock = platform.staff("UNLOCK_HTTP_PORT", "officer");
        eventually("unlock-service knows Anna", () -> unlock.put("/customers/" + ANNA + "/e-pin", Map.of("ePin", ANNA_E_PIN)));
        awaitEvent("e-pin.set", ANNA, e -> true);
    }

    // --- 2 -----------------------------------------------------------------------------------------------------

    private void firstUse() {
        try (TokenManagerWindows windows = anna.openWindows()) {
            FrameFixture setPin = windows.setPin();
            windows.typeNewPin(setPin, "electra");
            windows.awaitRule(setPin, PinRule.CHARACTER_CLASSES, false); // the weak PIN's broken rule is shown
            setPin.textBox("confirm-pin").requireDisabled(); // confirmation only after a valid PIN
            setPin.button("set-pin").requireDisabled();

            windows.chooseNewPin(setPin, FIRST_PIN);
            windows.click(setPin, "set-pin");
            windows.awaitShows(setPin, "Your PIN is set. The token is ready for Electra and e-posta.");
            setPin.button("close").click();
        }
        assertTrue(anna.tokenManager.run("", "status").out().contains("ready"));
    }

    // --- 3 -----------------------------------------------------------------------------------------------------

    private void logInToElectraAndEPosta() {
        anna.startAgent();

        String question = tokenLogin("electra", FIRST_PIN);
        assertTrue(question.contains("Log in to Electra corporate e-banking from " + platform.url("AUTH_HTTP_PORT")), question);
        assertEquals(ANNA, browser.text("subject"));
        assertTrue(browser.page().contains("hwk"), "amr names the hardware token: " + browser.page());
        awaitEvent("login.succeeded", ANNA, e -> e.data().path("client").asText().equals("electra")
                && e.data().path("csn").asText().equals(ANNA_CSN));
        awaitTokenState(ANNA_CSN, "ACTIVE");

        tokenLogin("e-posta", FIRST_PIN);
        assertEquals(ANNA, browser.text("subject"));
        assertTrue(browser.url().contains("/callback/e-posta"));
        awaitEvent("login.succeeded", ANNA, e -> e.data().path("client").asText().equals("e-posta"));
    }

    /**
     * Anna opens the bank's app, chooses the service, clicks "log in with token" on auth-service's page and types
     * the PIN where Token Manager asks; returns Token Manager's question. Ends on the app's page.
     */
    private String tokenLogin(String client, String pin) {
        openLoginPage(client);
        browser.click("token-login");
        String question = anna.answerPinPrompt(pin);
        browser.await("back at the app after the " + client + " login", d -> d.getCurrentUrl().contains("/callback/" + client));
        return question;
    }

    /** The login page's status line shows its message for {@code code} (the page's own list of messages). */
    private void awaitLoginPageStatus(String code) {
        String message = browser.element("messages").findElement(By.cssSelector("li[data-code='" + code + "']")).getAttribute("textContent");
        browser.await("the login page says " + code, d -> d.findElement(By.id("status")).getText().startsWith(message));
    }

    private void openLoginPage(String client) {
        browser.open(platform.url("DEMO_RP_PORT") + "/");
        browser.click("login-" + client);
        browser.element("token-login");
    }

    // --- 4 -----------------------------------------------------------------------------------------------------

    private void passwordLoginEndsWithRecontracting() {
        String password = "Legacy-Pass-2019";
        importLegacyPassword(ANNA, password);

        passwordLogin("electra", ANNA, password);
        browser.await("password login before re-contracting", d -> d.getCurrentUrl().contains("/callback/electra"));
        assertEquals(ANNA, browser.text("subject"));

        // The officer records the re-contracting in the staff console, past the warning that password login ends now.
        try (Browser officer = officersConsole("recontract")) {
            officer.open(platform.url("CONSOLE_HTTP_PORT").resolve("/branch/user?customerId=" + ANNA).toString());
            officer.click("re-contract");
            assertTrue(officer.text("re-contract-warning").contains("A jelszavas belépés most, véglegesen megszűnik."),
                    officer.text("re-contract-warning"));
            officer.type("contractReference", "E2E-2026-0001");
            officer.find(By.name("confirmed")).click();
            officer.click("re-contract-submit");
            officer.element("notice");
        }
        awaitEvent("user.password-login-disabled", ANNA, e -> true);
        assertAudited(platform.url("REGISTRY_HTTP_PORT"), ANNA, "user.re-contracted", "officer");
        eventually("auth-service refuses Anna's password", () -> {
            passwordLogin("electra", ANNA, password);
            assertTrue(browser.page().contains("Password login is switched off since your re-contracting. Log in with your token."),
                    browser.page());
            assertFalse(browser.url().contains("/callback/"), "no login with the right password after re-contracting");
        });
        awaitEvent("login.failed", ANNA, e -> e.data().path("method").asText().equals("PASSWORD")
                && e.data().path("reason").asText().equals("password-login-disabled"));
    }

    private void passwordLogin(String client, String customerId, String password) {
        openLoginPage(client);
        browser.type("customerId", customerId);
        browser.type("password", password);
        browser.submit("password");
    }

    // --- 5 -----------------------------------------------------------------------------------------------------

    private void fiveWrongPinsLockTheToken() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            TokenManagerProgram.Result wrong = anna.tokenManager.run("Wrong-" + attempt + "!x\n", "sign", "--output",
                    work.resolve("never-" + attempt + ".p7s").toString(), writeDocument("never.txt", "nothing").toString());
            assertTrue(wrong.err().contains((5 - attempt) + " tries left"), wrong.err());
        }
        TokenManagerProgram.Result fifth = anna.tokenManager.run("Wrong-5!x\n", "sign", writeDocument("never.txt", "nothing").toString());
        assertEquals(3, fifth.exit(), "the fifth wrong PIN locks the token");

        int questions = anna.pinQuestions();
        openLoginPage("electra");
        browser.click("token-login");
        awaitLoginPageStatus("token-locked");
        assertEquals(questions, anna.pinQuestions(), "a locked token is not even asked for the PIN");
        assertFalse(browser.url().contains("/callback/"));
    }

    // --- 6 -----------------------------------------------------------------------------------------------------

    private void helpdeskUnlock() {
        try (TokenManagerWindows windows = anna.openWindows()) {
            FrameFixture unlock = windows.unlock();
            windows.awaitEnabled(unlock, "code"); // the token answered: locked, its CSN and Random on the screen
            unlock.label("helpdesk-phone").requireText(AgentConfig.DEFAULT_HELPDESK_PHONE);
            // Anna reads out what the window shows; the helpdesk types the CSN without the gaps that help reading it.
            String csn = unlock.label("csn").text().replace(" ", "");
            String random = unlock.label("random").text();
            assertEquals(ANNA_CSN, csn);

            String code = helpdeskGivesTheCode(csn, random);

            unlock.textBox("code").enterText(code);
            windows.click(unlock, "check-code");
            windows.awaitShows(unlock, "Code accepted. Choose a new PIN.");
            windows.chooseNewPin(unlock, PIN_AFTER_UNLOCK);
            windows.click(unlock, "unlock");
            windows.awaitShows(unlock, "Your token is unlocked with the new PIN.");
            unlock.button("close").click();
        }

        tokenLogin("electra", PIN_AFTER_UNLOCK);
        assertEquals(ANNA, browser.text("subject"));
        awaitTokenState(ANNA_CSN, "ACTIVE");
        assertAudited(platform.url("UNLOCK_HTTP_PORT"), ANNA_CSN, "unlock.code-issued", "helpdesk");
        assertAudited(platform.url("UNLOCK_HTTP_PORT"), ANNA, "caller.verification-failed", "helpdesk");
    }

    /**
     * The helpdesk agent takes Anna's call in the staff console, in a browser of their own: verifies the caller (a
     * wrong e-PIN first), sees her token, is refused a Code for Béla's CSN, and gets one for the CSN and Random she
     * reads out; returns the Code the page shows for dictation.
     */
    private String helpdeskGivesTheCode(String csn, String random) {
        String code;
        try (Browser agent = new Browser(work.resolve("helpdesk-chromium"))) {
            ConsoleSignIn.signIn(agent, platform.url("CONSOLE_HTTP_PORT"), platform.secrets(), "/helpdesk", "helpdesk");
            agent.type("customerId", ANNA);
            agent.type("ePin", "111357");
            agent.click("verify");
            assertEquals("caller-not-verified", agent.element("refusal").getAttribute("data-code"));
            awaitEvent("caller.verification-failed", ANNA, e -> true);

            agent.type("customerId", ANNA);
            agent.type("ePin", ANNA_E_PIN);
            agent.click("verify");
            assertTrue(agent.text("caller-tokens").contains(ANNA_CSN), agent.text("caller-tokens"));

            issueCode(agent, BELA_CSN, random);
            String refused = agent.element("refusal").getAttribute("data-code");
            assertTrue(refused.equals("csn-not-callers") || refused.equals("token-unknown"), refused);
            issueCode(agent, csn, random);
            assertFalse(agent.has("refusal"), () -> "refused: " + agent.text("refusal-words"));
            assertEquals(ANNA_CSN, agent.text("code-csn"));
            code = agent.text("unlock-code");
        }
        CloudEvent issued = awaitEvent("unlock.code-issued", ANNA_CSN, e -> true);
        assertEquals("helpdesk", issued.actor());
        assertFalse(EventCodec.write(issued).contains(code.replace(" ", "")), "the Code is never in an event");
        // The PIN lock lives on the token: the registry records the Code and audits it under the agent, state unchanged.
        eventually("the registry records the Code", () -> assertAudited(platform.url("REGISTRY_HTTP_PORT"), ANNA_CSN,
                "token.unlock-code-issued", "helpdesk"));
        JsonNode registered = registryAs("ops").get("/tokens/" + ANNA_CSN);
        assertEquals("ACTIVE", registered.path("state").asText());
        assertTrue(registered.path("lastUnlockCodeAt").isTextual(), registered.toString());
        return code;
    }

    /** A branch officer's browser, signed in to the staff console's Branch screen. */
    private Browser officersConsole(String purpose) {
        Browser officer = new Browser(work.resolve("officer-" + purpose + "-chromium"));
        ConsoleSignIn.signIn(officer, platform.url("CONSOLE_HTTP_PORT"), platform.secrets(), "/branch", "officer");
        return officer;
    }

    /** The agent types what the caller reads out, with a reason, and asks for the Code; waits for the answer. */
    private static void issueCode(Browser agent, String csn, String random) {
        agent.type("csn", csn);
        agent.type("random", random);
        agent.type("reason", "Anna Kovács locked her token with five wrong PINs");
        WebElement form = agent.element("code-form");
        agent.click("issue-code");
        // The step before may show a refusal too: the answer is the next page's.
        agent.await("the page to be answered", ExpectedConditions.stalenessOf(form));
        agent.await("the Code or a refusal", driver -> !driver.findElements(By.id("unlock-code")).isEmpty()
                || !driver.findElements(By.id("refusal")).isEmpty());
    }

    // --- 7 -----------------------------------------------------------------------------------------------------

    private void pinChange() {
        try (TokenManagerWindows windows = anna.openWindows()) {
            FrameFixture change = windows.changePin();
            windows.awaitEnabled(change, "current-pin");
            change.textBox("current-pin").enterText(PIN_AFTER_UNLOCK);
            windows.chooseNewPin(change, CHANGED_PIN);
            windows.click(change, "change-pin");
            windows.awaitShows(change, "Your PIN has been changed.");
            change.button("close").click();
        }

        tokenLogin("e-posta", CHANGED_PIN);
        assertEquals(ANNA, browser.text("subject"));
    }

    // --- 8 -----------------------------------------------------------------------------------------------------

    private void signing() throws Exception {
        Path order = writeDocument("payment-order.xml", "<order><amount currency=\"HUF\">1500000</amount></order>");
        TokenManagerProgram.Result signed = anna.tokenManager.run(CHANGED_PIN + "\n", "sign", order.toString());
        assertEquals(0, signed.exit(), signed.err());
        byte[] signature = Files.readAllBytes(Path.of(order + ".p7s"));
        JsonNode verified = electraBackend().verifySignature(Files.readAllBytes(order), signature);
        assertTrue(verified.path("valid").asBoolean(), verified.toString());
        assertEquals(ANNA, verified.path("customerId").asText());
        assertEquals(ANNA_CSN, verified.path("csn").asText());
        ApiException tampered = assertThrows(ApiException.class, () -> electraBackend().verifySignature(
                "<order><amount currency=\"HUF\">9500000</amount></order>".getBytes(StandardCharsets.UTF_8), signature));
        assertTrue(tampered.status() >= 400 && tampered.status() < 500, "a changed document does not verify: " + tampered.getMessage());

        UsersComputer belasComputer = new UsersComputer(platform, work.resolve("bela"), platform.secrets().get("UNLOCK_MASTER_KEYSTORE_PASSWORD"));
        belasComputer.tokenManager.run("", "factory", "--csn", BELA_CSN, "--master-keystore", masterKeystore(),
                "--attestation-ca", factoryCa()).requireSuccess("factory");
        Branch branch = new Branch(registryAs("officer"));
        ApiException noRight = assertThrows(ApiException.class,
                () -> branch.handOver(belasComputer.tokenManager, BELA, BELA_CSN, true, "CD654321", work));
        assertEquals("no-signing-right", noRight.code(), "no signing certificate without a signing right");
        JsonNode bela = branch.handOver(belasComputer.tokenManager, BELA, BELA_CSN, false, "CD654321", work);
        assertEquals(1, bela.path("certificates").size(), "a login certificate only");
        belasComputer.tokenManager.run("Bela#Pin2026\nBela#Pin2026\n", "set-pin").requireSuccess("set-pin");
        TokenManagerProgram.Result belaSigns = belasComputer.tokenManager.run("Bela#Pin2026\n", "sign", order.toString(), "--output",
                work.resolve("bela.p7s").toString());
        assertEquals(1, belaSigns.exit());
        assertTrue(belaSigns.err().contains("no signing certificate"));
    }

    // --- 9 -----------------------------------------------------------------------------------------------------

    private void lostTokenIsRevoked() throws Exception {
        // Anna reports the token lost at the branch; the officer revokes it in the staff console.
        try (Browser officer = officersConsole("revoke")) {
            officer.open(platform.url("CONSOLE_HTTP_PORT").resolve("/branch/user?customerId=" + ANNA).toString());
            officer.click("revoke-" + ANNA_CSN);
            new Select(officer.find(By.name("reason"))).selectByValue("LOST");
            officer.find(By.name("confirmed")).click();
            officer.click("revoke-submit");
            assertEquals(ANNA_CSN, officer.text("revoked-csn"));
            assertTrue(officer.text("services-informed").contains("értesült"), officer.text("services-informed"));
        }
        assertEquals("REVOKED", registryAs("ops").get("/tokens/" + ANNA_CSN).path("state").asText());
        awaitEvent("token.revoked", ANNA_CSN, e -> e.data().path("reason").asText().equals("LOST"));
        events.awaitCount(record -> record.key().equals(ANNA_CSN) && record.value().contains("\"certificate.revoked\""), 2, EVENT_WAIT);
        assertAudited(platform.url("REGISTRY_HTTP_PORT"), ANNA_CSN, "certificate.revoked", "officer");

        HttpResponse<byte[]> crl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.url("REGISTRY_HTTP_PORT") + "/ca/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        assertEquals(2, list.getRevokedCertificates().size(), "both of Anna's certificates are on the CRL");

        openLoginPage("electra");
        browser.click("token-login");
        anna.answerPinPrompt(CHANGED_PIN);
        awaitLoginPageStatus("bank-refused");
        awaitEvent("login.failed", ANNA, e -> e.data().path("reason").asText().equals("certificate-revoked"));
        assertFalse(browser.url().contains("/callback/"));
    }

    // --- 10 ----------------------------------------------------------------------------------------------------

    /**
     * Checked here, after the story has logged in, unlocked, signed and revoked: counters with tags appear in
     * /q/metrics only once first counted, and a renamed metric must fail here rather than silence an alert.
     */
    private void prometheusWatchesExportedMetrics() throws Exception {
        URI prometheus = platform.url("PROMETHEUS_PORT");
        assertTrue(platform.log().lines().anyMatch(line -> line.trim().startsWith("prometheus ") && line.contains(prometheus.toString())),
                "run-platform.sh starts Prometheus and prints its URL (Debian package prometheus, which .ci/run installs):\n" + platform.log());
        eventually("Prometheus scrapes the three services", () -> {
            JsonNode targets = getJson(prometheus.resolve("/api/v1/targets")).path("data").path("activeTargets");
            assertEquals(3, targets.size(), targets.toString());
            targets.forEach(target -> assertEquals("up", target.path("health").asText(), target.toString()));
        });
        eventually("Prometheus evaluates every alert rule without error", () -> getJson(prometheus.resolve("/api/v1/rules"))
                .path("data").path("groups").forEach(group -> group.path("rules").forEach(rule ->
                        assertEquals("ok", rule.path("health").asText(), rule.toString()))));
        JsonNode rules = getJson(prometheus.resolve("/api/v1/rules"));

        Set<String> exported = new TreeSet<>();
        for (String port : List.of("REGISTRY_HTTP_PORT", "AUTH_HTTP_PORT", "UNLOCK_HTTP_PORT")) {
            exported.addAll(MonitoredMetrics.exported(get(platform.url(port).resolve("/q/metrics"))));
        }
        Map<String, String> used = new TreeMap<>(MonitoredMetrics.ruleExpressions(rules));
        Path rulesFile = platform.root.resolve("deploy/prometheus/rules/token-platform.rules.yml");
        assertEquals(Files.readAllLines(rulesFile).stream().filter(line -> line.trim().startsWith("- alert:")).count(), used.size(),
                "Prometheus loaded every rule of " + rulesFile + ": " + used.keySet());
        used.putAll(MonitoredMetrics.dashboardExpressions(platform.root));
        assertEquals(List.of(), MonitoredMetrics.unexported(used, exported), "metrics named by alerts or dashboards that no service exports");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return response.body();
    }

    private static JsonNode getJson(URI uri) {
        try {
            return new ObjectMapper().readTree(get(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- 11 ----------------------------------------------------------------------------------------------------

    private void restartReusesTheData() throws Exception {
        assertEquals(0, platform.stop(), platform.log());
        assertTrue(platform.log().contains("Stopped."));

        platform.start();
        assertEquals("REVOKED", registryAs("ops").get("/tokens/" + ANNA_CSN).path("state").asText());
        assertEquals(ANNA, registryAs("ops").get("/users/" + ANNA).path("customerId").asText());
        assertEquals("ISSUED", registryAs("ops").get("/tokens/0DE1110000000001").path("state").asText(),
                "the demo user's token, handed over at the first start, is still there");
        assertTrue(platform.log().contains("Demo user: customer identifier 12345678"), "the second start prints what to try again");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static StaffApi registryAs(String user) {
        return platform.staff("REGISTRY_HTTP_PORT", user);
    }

    /** The service's append-only audit log, read by the auditor, has {@code action} on {@code subject} by {@code actor}. */
    private static void assertAudited(URI service, String subject, String action, String actor) {
        JsonNode entries = new StaffApi(service, platform.signIn("auditor")).get("/audit?subjectId=" + subject);
        boolean found = false;
        for (JsonNode entry : entries) {
            found |= entry.path("action").asText().equals(action) && entry.path("actor").asText().equals(actor);
        }
        assertTrue(found, action + " by " + actor + " on " + subject + " in " + entries);
    }

    private static String masterKeystore() {
        return platform.var.resolve("unlock-service/master-unlock-key.p12").toString();
    }

    /** The token-factory CA run-platform.sh created; the registry pins its certificate. */
    private static String factoryCa() {
        return platform.var.resolve("token-factory/factory-ca.p12").toString();
    }

    private static Path writeDocument(String name, String content) {
        try {
            return Files.writeString(work.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloudEvent awaitEvent(String type, String key, Predicate<CloudEvent> match) {
        return EventCodec.read(events.await(record -> record.key().equals(key) && record.value().contains("\"" + type + "\"")
                && match.test(EventCodec.read(record.value())), EVENT_WAIT).value());
    }

    private static void awaitTokenState(String csn, String state) {
        StaffApi ops = registryAs("ops");
        eventually("token " + csn + " is " + state, () -> assertEquals(state, ops.get("/tokens/" + csn).path("state").asText()));
    }

    private static void eventually(String what, Runnable check) {
        AssertionError last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                check.run();
                return;
            } catch (AssertionError | ApiException e) {
                last = e instanceof AssertionError a ? a : new AssertionError(e.getMessage(), e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out: " + what, last);
    }

    /** Operations staff import the old Electra password hash, as exported from the old system. */
    private static void importLegacyPassword(String customerId, String password) {
        StaffApi auth = platform.staff("AUTH_HTTP_PORT", "ops");
        eventually("auth-service imports " + customerId + "'s password", () -> assertTrue(auth.post("/staff/password-imports",
                Map.of("credentials", List.of(Map.of("customerId", customerId, "passwordHash", LegacyPassword.pbkdf2Sha256(password)))))
                .path("imported").toString().contains(customerId)));
    }

    private static RelyingPartyBackend electraBackend() {
        return new RelyingPartyBackend(platform.url("AUTH_HTTP_PORT"), "electra", platform.secrets().get("ELECTRA_CLIENT_SECRET"));
    }
}
