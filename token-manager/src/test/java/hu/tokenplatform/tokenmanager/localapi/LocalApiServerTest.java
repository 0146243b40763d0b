package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.cli.Messages;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import hu.tokenplatform.tokenmanager.login.TerminalPinPrompt;
import hu.tokenplatform.tokenmanager.login.TestBank;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.os.LinuxProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local API as the bank's login page uses it, with the real token, PIN entry in Token Manager and a real
 * mutual-TLS bank server behind it; and as a hostile page or a rebinding attacker would try it.
 */
class LocalApiServerTest {

    private static final String LOGIN_PAGE = "https://login.bank.hu";
    private static final String EVIL_PAGE = "https://login.bank.hu.evil.example";

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final TestBank bank = new TestBank(pki);
    private final StringWriter agentScreen = new StringWriter();
    private LocalApiServer api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        bank.close();
    }

    /** Token Manager with the token plugged in; {@code typed} is what the user types into its PIN prompt. */
    private void startAgent(String typed) throws Exception {
        startAgent(typed, bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), bank.relay().toString());
    }

    private void startAgent(String typed, Path trustStore, String relay) throws Exception {
        Path configFile = dir.resolve("agent.properties");
        Files.writeString(configFile, "bank.trust-store=" + trustStore.getFileName() + "\n"
                + "bank.1.origin=" + LOGIN_PAGE + "\n"
                + "bank.1.relay=" + relay + "\n");
        AgentConfig config = AgentConfig.load(configFile);
        Terminal terminal = new Terminal(new BufferedReader(new StringReader(typed)), new PrintWriter(agentScreen, true),
                new PrintWriter(agentScreen, true), null, Messages.english());
        TokenPort port = new TokenPort(dir.resolve("token"));
        api = LocalApiServer.start(config, port, new TokenLogin(config, port, new TerminalPinPrompt(terminal), Duration.ofSeconds(10)), 0);
    }

    private void token() {
        TestTokens.handedOver(dir.resolve("token"), pki).close();
    }

    private RawHttp.Response postLogin(String origin, String body) {
        return RawHttp.send(api.port(), "POST", "/v1/token-login",
                Map.of("Origin", origin, "Content-Type", "application/json"), body);
    }

    private static String loginBody(TestBank.Transaction transaction) {
        return "{\"transactionId\":\"" + transaction.id() + "\",\"client\":\"" + transaction.client()
                + "\",\"challenge\":\"" + transaction.challengeBase64Url() + "\"}";
    }

    private int triesLeft() {
        try (VirtualToken token = VirtualToken.open(dir.resolve("token"))) {
            return token.status().pinTriesLeft();
        }
    }

    @Test
    void loginPageGetsTheChallengeSignedAndRelayedWithTheTokensLoginCertificate() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction transaction = bank.newTransaction("electra", LOGIN_PAGE);

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(transaction));

        assertEquals(200, response.status(), response.body());
        assertEquals("{\"status\":\"authenticated\"}", response.body());
        assertEquals(LOGIN_PAGE, response.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", response.header("Vary"));
        assertTrue(agentScreen.toString().contains("Log in to Electra from " + LOGIN_PAGE + "? Enter your token PIN (5 tries left)."),
                "the PIN is asked in Token Manager, naming service and page");
        assertEquals(1, bank.accepted.size());
        assertEquals(LOGIN_PAGE, bank.accepted.get(0).assertion().origin(), "the signed origin is the browser's Origin");
        try (VirtualToken token = VirtualToken.open(dir.resolve("token"))) {
            assertArrayEquals(token.certificate(KeySlot.LOGIN).orElseThrow().getEncoded(), bank.accepted.get(0).clientCertificate().getEncoded());
        }
    }

    @Test
    void sameTokenLogsInToElectraAndEPosta() throws Exception {
        token();
        startAgent(PIN + "\n" + PIN + "\n");

        assertEquals(200, postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE))).status());
        assertEquals(200, postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("e-posta", LOGIN_PAGE))).status());

        assertEquals("electra", bank.accepted.get(0).assertion().client());
        assertEquals("e-posta", bank.accepted.get(1).assertion().client());
        assertTrue(agentScreen.toString().contains("Log in to e-posta from " + LOGIN_PAGE));
    }

    @Test
    void pageOfAnotherOriginIsRefusedWithoutCorsHeadersAndNoPinIsAsked() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction transaction = bank.newTransaction("electra", EVIL_PAGE);

        RawHttp.Response response = postLogin(EVIL_PAGE, loginBody(transaction));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"code\":\"origin-not-allowed\""));
        assertNull(response.header("Access-Control-Allow-Origin"), "the browser keeps the answer from the page");
        assertEquals("", agentScreen.toString(), "no PIN prompt for a foreign page");
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void requestWithoutOriginIsRefused() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = RawHttp.send(api.port(), "POST", "/v1/token-login",
                Map.of("Content-Type", "application/json"), loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(403, response.status());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void preflightFromTheLoginPageAllowsPostAndPrivateNetworkAccess() throws Exception {
        startAgent("");

        RawHttp.Response response = RawHttp.send(api.port(), "OPTIONS", "/v1/token-login", Map.of(
                "Origin", LOGIN_PAGE,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type",
                "Access-Control-Request-Private-Network", "true"), null);

        assertEquals(204, response.status());
        assertEquals(LOGIN_PAGE, response.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST", response.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type", response.header("Access-Control-Allow-Headers"));
        assertEquals("true", response.header("Access-Control-Allow-Private-Network"));
    }

    @Test
    void preflightWithoutPrivateNetworkRequestGetsNoPrivateNetworkGrant() throws Exception {
        startAgent("");

        RawHttp.Response response = RawHttp.send(api.port(), "OPTIONS", "/v1/status",
                Map.of("Origin", LOGIN_PAGE, "Access-Control-Request-Method", "GET"), null);

        assertEquals(204, response.status());
        assertNull(response.header("Access-Control-Allow-Private-Network"));
    }

    @Test
    void preflightFromAnotherOriginOrForOtherHeadersIsRefused() throws Exception {
        startAgent("");

        RawHttp.Response foreign = RawHttp.send(api.port(), "OPTIONS", "/v1/token-login", Map.of(
                "Origin", EVIL_PAGE, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Private-Network", "true"), null);
        RawHttp.Response pinHeader = RawHttp.send(api.port(), "OPTIONS", "/v1/token-login", Map.of(
                "Origin", LOGIN_PAGE, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, x-token-pin"), null);

        assertEquals(403, foreign.status());
        assertNull(foreign.header("Access-Control-Allow-Origin"));
        assertNull(foreign.header("Access-Control-Allow-Private-Network"));
        assertEquals(403, pinHeader.status());
        assertNull(pinHeader.header("Access-Control-Allow-Origin"));
    }

    @Test
    void aPinSentByTheWebPageIsRefusedAndNeverTried() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction transaction = bank.newTransaction("electra", LOGIN_PAGE);
        String withPin = loginBody(transaction).replace("}", ",\"pin\":\"" + PIN + "\"}");

        RawHttp.Response response = postLogin(LOGIN_PAGE, withPin);

        assertEquals(400, response.status());
        assertTrue(response.body().contains("\"code\":\"unknown-field\""));
        assertFalse(response.body().contains(PIN));
        assertEquals("", agentScreen.toString());
        assertEquals(DeviceStatus.MAX_PIN_TRIES, triesLeft());
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void thePageCannotChooseWhereTheAssertionGoes() throws Exception {
        token();
        startAgent(PIN + "\n");
        String withRelay = loginBody(bank.newTransaction("electra", LOGIN_PAGE)).replace("}", ",\"relay\":\"https://evil.example\"}");

        RawHttp.Response response = postLogin(LOGIN_PAGE, withRelay);

        assertEquals(400, response.status());
        assertTrue(response.body().contains("\"code\":\"unknown-field\""));
    }

    @Test
    void rebindingAttackWithAForeignHostNameIsRefused() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = RawHttp.send(api.port(), "POST", "/v1/token-login", Map.of(
                "Host", "attacker.example:" + api.port(), "Origin", LOGIN_PAGE, "Content-Type", "application/json"),
                loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"code\":\"host-not-allowed\""));
        assertEquals("", agentScreen.toString());
    }

    @Test
    void simpleCrossSiteFormPostIsRefused() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = RawHttp.send(api.port(), "POST", "/v1/token-login",
                Map.of("Origin", LOGIN_PAGE, "Content-Type", "text/plain"), loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(415, response.status());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void oversizedOrMalformedRequestsAreRefusedBeforeThePin() throws Exception {
        token();
        startAgent(PIN + "\n");

        assertEquals(413, postLogin(LOGIN_PAGE, "{\"transactionId\":\"" + "a".repeat(10_000) + "\"}").status());
        assertEquals(400, postLogin(LOGIN_PAGE, "{not json").status());
        RawHttp.Response shortChallenge = postLogin(LOGIN_PAGE,
                "{\"transactionId\":\"tx-0123456789abcdef\",\"client\":\"electra\",\"challenge\":\"AAAA\"}");
        assertEquals(400, shortChallenge.status());
        assertTrue(shortChallenge.body().contains("\"code\":\"invalid-request\""));
        assertEquals("", agentScreen.toString());
    }

    @Test
    void wrongPinIsReportedWithTheTriesLeftAndNothingReachesTheBank() throws Exception {
        token();
        startAgent("Wr0ng!pin\n");

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(401, response.status());
        assertTrue(response.body().contains("\"code\":\"wrong-pin\""));
        assertTrue(response.body().contains("\"triesLeft\":4"));
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void lockedTokenIsReportedWithoutAskingForThePin() throws Exception {
        try (VirtualToken token = TestTokens.handedOver(dir.resolve("token"), pki)) {
            TestTokens.lockWithWrongPins(token);
        }
        startAgent(PIN + "\n");

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"token-locked\""));
        assertEquals("", agentScreen.toString());
    }

    @Test
    void expiredLoginCertificateIsReportedBeforeThePinIsAsked() throws Exception {
        try (VirtualToken token = TestTokens.factoryNew(dir.resolve("token"))) {
            TokenEnrolment branch = token.personalise();
            Instant longAgo = Instant.now().minus(Duration.ofDays(5 * 365));
            branch.writeCertificate(KeySlot.LOGIN, pki.certifyLogin(branch.generateKeyPair(KeySlot.LOGIN, TestTokens.CSN).csrPem(),
                    longAgo, longAgo.plus(Duration.ofDays(4 * 365))));
            token.setInitialPin(PIN.toCharArray());
        }
        startAgent(PIN + "\n");

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"certificate-expired\""));
        assertEquals("", agentScreen.toString(), "no PIN is asked for a login that cannot succeed");
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void userCanCancelThePinEntry() throws Exception {
        token();
        startAgent("\n");

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"pin-entry-cancelled\""));
        assertEquals(DeviceStatus.MAX_PIN_TRIES, triesLeft());
    }

    @Test
    void bankRefusalIsPassedOnByItsCodeOnly() throws Exception {
        token();
        startAgent(PIN + "\n" + PIN + "\n");
        TestBank.Transaction transaction = bank.newTransaction("electra", LOGIN_PAGE);
        assertEquals(200, postLogin(LOGIN_PAGE, loginBody(transaction)).status());

        RawHttp.Response replay = postLogin(LOGIN_PAGE, loginBody(transaction));

        assertEquals(403, replay.status());
        assertTrue(replay.body().contains("\"code\":\"bank-refused\""));
        assertTrue(replay.body().contains("\"bankCode\":\"login-transaction-used\""));
        assertFalse(replay.body().contains("free text"), "the bank's free text is not relayed to the page");
    }

    @Test
    void bankServerOfAnotherCaIsNotTrusted() throws Exception {
        token();
        TestPki otherCa = new TestPki();
        Path otherTrust = dir.resolve("other-ca.pem");
        Files.writeString(otherTrust, otherCa.caPem());
        startAgent(PIN + "\n", otherTrust, bank.relay().toString());

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"bankCode\":\"tls-handshake-failed\""), response.body());
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void unreachableBankIsReported() throws Exception {
        token();
        startAgent(PIN + "\n", bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), "https://127.0.0.1:1");

        RawHttp.Response response = postLogin(LOGIN_PAGE, loginBody(bank.newTransaction("electra", LOGIN_PAGE)));

        assertEquals(502, response.status());
        assertTrue(response.body().contains("\"code\":\"bank-unreachable\""));
    }

    @Test
    void statusTellsTheLoginPageWhetherTheTokenIsReadyButNotItsCsn() throws Exception {
        startAgent("");
        RawHttp.Response absent = RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", LOGIN_PAGE), null);
        token();
        RawHttp.Response ready = RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", LOGIN_PAGE), null);

        assertEquals(200, absent.status());
        assertTrue(absent.body().contains("\"token\":\"ABSENT\""));
        assertTrue(ready.body().contains("\"token\":\"READY\""));
        assertFalse(ready.body().contains(TestTokens.CSN));
        assertEquals(403, RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", EVIL_PAGE), null).status());
    }

    @Test
    void anotherUsersProcessOnThisComputerIsRefused() throws Exception {
        assumeTrue(LinuxProcesses.effectiveUid().orElse(-1) == 0, "needs root to act as another local user");
        token();
        startAgent(PIN + "\n");

        Process otherUser = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Origin: " + LOGIN_PAGE,
                "http://127.0.0.1:" + api.port() + "/v1/status").redirectErrorStream(true).start();
        String status = new String(otherUser.getInputStream().readAllBytes()).strip();

        assertEquals("403", status, "another user's browser or program may not drive this user's token");
        assertEquals(200, RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", LOGIN_PAGE), null).status(),
                "this user's own programs are served");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        startAgent("");

        assertEquals(404, RawHttp.send(api.port(), "GET", "/v1/keys", Map.of("Origin", LOGIN_PAGE), null).status());
        RawHttp.Response getLogin = RawHttp.send(api.port(), "GET", "/v1/token-login", Map.of("Origin", LOGIN_PAGE), null);
        assertEquals(405, getLogin.status());
        assertEquals("POST, OPTIONS", getLogin.header("Allow"));
    }
}
