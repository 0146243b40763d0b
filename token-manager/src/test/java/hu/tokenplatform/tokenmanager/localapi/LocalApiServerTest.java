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
import java.util.List;
import java.util.Locale;
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

    private static final String EVIL_PAGE = "https://login.bank.hu.evil.example";

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final TestBank bank = new TestBank(pki);
    /** The bank's login page, where auth-service answers which login a transaction is. */
    private final String loginPage = bank.origin();
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
        startAgent(typed, trustStore, loginPage, relay, Messages.english());
    }

    private void startAgent(String typed, Path trustStore, String origin, String relay, Messages language) throws Exception {
        Path configFile = dir.resolve("agent.properties");
        Files.writeString(configFile, "bank.trust-store=" + trustStore.getFileName() + "\n"
                + "bank.1.origin=" + origin + "\n"
                + "bank.1.relay=" + relay + "\n");
        AgentConfig config = AgentConfig.load(configFile);
        Terminal terminal = new Terminal(new BufferedReader(new StringReader(typed)), new PrintWriter(agentScreen, true),
                new PrintWriter(agentScreen, true), null, language);
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
        TestBank.Transaction transaction = bank.newTransaction("electra", loginPage);

        RawHttp.Response response = postLogin(loginPage, loginBody(transaction));

        assertEquals(200, response.status(), response.body());
        assertEquals("{\"status\":\"authenticated\"}", response.body());
        assertEquals(loginPage, response.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", response.header("Vary"));
        assertTrue(agentScreen.toString().contains("Log in to Electra corporate e-banking from " + loginPage
                        + "? Enter your token PIN (5 tries left)."), "the PIN is asked in Token Manager, naming service and page: " + agentScreen);
        assertEquals(1, bank.accepted.size());
        assertEquals(loginPage, bank.accepted.get(0).assertion().origin(), "the signed origin is the browser's Origin");
        try (VirtualToken token = VirtualToken.open(dir.resolve("token"))) {
            assertArrayEquals(token.certificate(KeySlot.LOGIN).orElseThrow().getEncoded(), bank.accepted.get(0).clientCertificate().getEncoded());
        }
    }

    @Test
    void sameTokenLogsInToElectraAndEPosta() throws Exception {
        token();
        startAgent(PIN + "\n" + PIN + "\n");

        assertEquals(200, postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage))).status());
        assertEquals(200, postLogin(loginPage, loginBody(bank.newTransaction("e-posta", loginPage))).status());

        assertEquals("electra", bank.accepted.get(0).assertion().client());
        assertEquals("e-posta", bank.accepted.get(1).assertion().client());
        assertTrue(agentScreen.toString().contains("Log in to e-posta secure mail from " + loginPage), agentScreen.toString());
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
                Map.of("Content-Type", "application/json"), loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(403, response.status());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void preflightFromTheLoginPageAllowsPostAndPrivateNetworkAccess() throws Exception {
        startAgent("");

        RawHttp.Response response = RawHttp.send(api.port(), "OPTIONS", "/v1/token-login", Map.of(
                "Origin", loginPage,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type",
                "Access-Control-Request-Private-Network", "true"), null);

        assertEquals(204, response.status());
        assertEquals(loginPage, response.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST", response.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type", response.header("Access-Control-Allow-Headers"));
        assertEquals("true", response.header("Access-Control-Allow-Private-Network"));
    }

    @Test
    void preflightWithoutPrivateNetworkRequestGetsNoPrivateNetworkGrant() throws Exception {
        startAgent("");

        RawHttp.Response response = RawHttp.send(api.port(), "OPTIONS", "/v1/status",
                Map.of("Origin", loginPage, "Access-Control-Request-Method", "GET"), null);

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
                "Origin", loginPage, "Access-Control-Request-Method", "POST",
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
        TestBank.Transaction transaction = bank.newTransaction("electra", loginPage);
        String withPin = loginBody(transaction).replace("}", ",\"pin\":\"" + PIN + "\"}");

        RawHttp.Response response = postLogin(loginPage, withPin);

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
        String withRelay = loginBody(bank.newTransaction("electra", loginPage)).replace("}", ",\"relay\":\"https://evil.example\"}");

        RawHttp.Response response = postLogin(loginPage, withRelay);

        assertEquals(400, response.status());
        assertTrue(response.body().contains("\"code\":\"unknown-field\""));
    }

    @Test
    void rebindingAttackWithAForeignHostNameIsRefused() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = RawHttp.send(api.port(), "POST", "/v1/token-login", Map.of(
                "Host", "attacker.example:" + api.port(), "Origin", loginPage, "Content-Type", "application/json"),
                loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"code\":\"host-not-allowed\""));
        assertEquals("", agentScreen.toString());
    }

    @Test
    void simpleCrossSiteFormPostIsRefused() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = RawHttp.send(api.port(), "POST", "/v1/token-login",
                Map.of("Origin", loginPage, "Content-Type", "text/plain"), loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(415, response.status());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void oversizedOrMalformedRequestsAreRefusedBeforeThePin() throws Exception {
        token();
        startAgent(PIN + "\n");

        assertEquals(413, postLogin(loginPage, "{\"transactionId\":\"" + "a".repeat(10_000) + "\"}").status());
        assertEquals(400, postLogin(loginPage, "{not json").status());
        RawHttp.Response shortChallenge = postLogin(loginPage,
                "{\"transactionId\":\"tx-0123456789abcdef\",\"client\":\"electra\",\"challenge\":\"AAAA\"}");
        assertEquals(400, shortChallenge.status());
        assertTrue(shortChallenge.body().contains("\"code\":\"invalid-request\""));
        assertEquals("", agentScreen.toString());
    }

    @Test
    void wrongPinIsReportedWithTheTriesLeftAndNothingReachesTheBank() throws Exception {
        token();
        startAgent("Wr0ng!pin\n");

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

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

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

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

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"certificate-expired\""));
        assertEquals("", agentScreen.toString(), "no PIN is asked for a login that cannot succeed");
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void userCanCancelThePinEntry() throws Exception {
        token();
        startAgent("\n");

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"pin-entry-cancelled\""));
        assertEquals(DeviceStatus.MAX_PIN_TRIES, triesLeft());
    }

    @Test
    void bankRefusalIsPassedOnByItsCodeOnly() throws Exception {
        token();
        startAgent(PIN + "\n");
        bank.refuseNextAssertion("service-not-contracted");

        RawHttp.Response refused = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("\"code\":\"bank-refused\""));
        assertTrue(refused.body().contains("\"bankCode\":\"service-not-contracted\""));
        assertFalse(refused.body().contains("free text"), "the bank's free text is not relayed to the page");
    }

    @Test
    void aUsedTransactionIsRefusedBeforeThePinIsAskedAgain() throws Exception {
        token();
        startAgent(PIN + "\n" + PIN + "\n");
        TestBank.Transaction transaction = bank.newTransaction("electra", loginPage);
        assertEquals(200, postLogin(loginPage, loginBody(transaction)).status());
        int pinQuestions = agentScreen.toString().split("Enter your token PIN", -1).length - 1;

        RawHttp.Response replay = postLogin(loginPage, loginBody(transaction));

        assertEquals(409, replay.status());
        assertTrue(replay.body().contains("\"code\":\"login-transaction-unknown\""), replay.body());
        assertEquals(pinQuestions, agentScreen.toString().split("Enter your token PIN", -1).length - 1, "no second PIN question");
        assertEquals(1, bank.accepted.size());
    }

    @Test
    void relayServerOfAnotherCaIsNotTrusted() throws Exception {
        token();
        try (TestBank otherCa = new TestBank(new TestPki())) {
            startAgent(PIN + "\n", bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), otherCa.relay().toString());

            RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

            assertEquals(403, response.status());
            assertTrue(response.body().contains("\"bankCode\":\"tls-handshake-failed\""), response.body());
            assertTrue(otherCa.accepted.isEmpty());
        }
    }

    @Test
    void loginPageServerOfAnotherCaIsNotAskedAndNoPinIsAsked() throws Exception {
        token();
        TestPki otherCa = new TestPki();
        Path otherTrust = dir.resolve("other-ca.pem");
        Files.writeString(otherTrust, otherCa.caPem());
        startAgent(PIN + "\n", otherTrust, bank.relay().toString());

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(502, response.status());
        assertTrue(response.body().contains("\"code\":\"bank-unreachable\""), response.body());
        assertEquals("", agentScreen.toString(), "the bank's answer is believed only from a server of the bank's TLS CA");
        assertTrue(bank.lookedUp.isEmpty(), "the TLS handshake failed before the question");
        assertTrue(bank.accepted.isEmpty());
    }

    // --- the PIN window names what the bank registered, not what the page says ------------------------------

    @Test
    void aPageNamingAnotherClientIsRefusedBeforeThePinIsAsked() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction electra = bank.newTransaction("electra", loginPage);
        String evil = loginBody(electra).replace("\"client\":\"electra\"", "\"client\":\"evil-client\"");

        RawHttp.Response response = postLogin(loginPage, evil);

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"code\":\"client-mismatch\""), response.body());
        assertEquals(loginPage, response.header("Access-Control-Allow-Origin"), "the page may read why, to tell the user");
        assertEquals("", agentScreen.toString(), "no PIN is asked, and \"evil-client\" is shown nowhere");
        assertEquals(DeviceStatus.MAX_PIN_TRIES, triesLeft());
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void aPageNamingTheOtherRegisteredClientIsRefusedToo() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction electra = bank.newTransaction("electra", loginPage);

        RawHttp.Response response = postLogin(loginPage, loginBody(electra).replace("\"electra\"", "\"e-posta\""));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"code\":\"client-mismatch\""), response.body());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void thePinPromptNamesTheRegisteredClientInTheUsersLanguage() throws Exception {
        token();
        startAgent(PIN + "\n", bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), loginPage, bank.relay().toString(),
                Messages.forLanguage("hu", Map.of(), Locale.ROOT));

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(200, response.status(), response.body());
        assertTrue(agentScreen.toString().contains("Bejelentkezés ide: Electra vállalati internetbank, a(z) " + loginPage + " oldalról?"),
                agentScreen.toString());
    }

    @Test
    void anUnknownTransactionIsRefusedBeforeThePinIsAsked() throws Exception {
        token();
        startAgent(PIN + "\n");
        TestBank.Transaction notAtTheBank = new TestBank.Transaction("Zm9yZ2VkLWJ5LWEtcGFnZQ", "electra", loginPage, new byte[32]);

        RawHttp.Response response = postLogin(loginPage, loginBody(notAtTheBank));

        assertEquals(409, response.status());
        assertTrue(response.body().contains("\"code\":\"login-transaction-unknown\""), response.body());
        assertEquals(List.of(notAtTheBank.id()), bank.lookedUp, "the bank behind the page was asked");
        assertEquals("", agentScreen.toString());
    }

    @Test
    void aTransactionOfAnotherOriginIsRefusedBeforeThePinIsAsked() throws Exception {
        token();
        startAgent(PIN + "\n");

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", "https://other-login.bank.hu")));

        assertEquals(403, response.status());
        assertTrue(response.body().contains("\"bankCode\":\"login-transaction-mismatch\""), response.body());
        assertEquals("", agentScreen.toString());
    }

    @Test
    void aLoginPageWhoseBankCannotBeReachedGetsNoPinQuestion() throws Exception {
        token();
        String unreachable = "https://127.0.0.1:1";
        startAgent(PIN + "\n", bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), unreachable, bank.relay().toString(),
                Messages.english());

        RawHttp.Response response = postLogin(unreachable, loginBody(bank.newTransaction("electra", unreachable)));

        assertEquals(502, response.status());
        assertTrue(response.body().contains("\"code\":\"bank-unreachable\""), response.body());
        assertEquals("", agentScreen.toString());
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void unreachableBankIsReported() throws Exception {
        token();
        startAgent(PIN + "\n", bank.writeTrustStore(dir.resolve("bank-tls-ca.pem")), "https://127.0.0.1:1");

        RawHttp.Response response = postLogin(loginPage, loginBody(bank.newTransaction("electra", loginPage)));

        assertEquals(502, response.status());
        assertTrue(response.body().contains("\"code\":\"bank-unreachable\""));
    }

    @Test
    void statusTellsTheLoginPageWhetherTheTokenIsReadyButNotItsCsn() throws Exception {
        startAgent("");
        RawHttp.Response absent = RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", loginPage), null);
        token();
        RawHttp.Response ready = RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", loginPage), null);

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
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Origin: " + loginPage,
                "http://127.0.0.1:" + api.port() + "/v1/status").redirectErrorStream(true).start();
        String status = new String(otherUser.getInputStream().readAllBytes()).strip();

        assertEquals("403", status, "another user's browser or program may not drive this user's token");
        assertEquals(200, RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", loginPage), null).status(),
                "this user's own programs are served");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        startAgent("");

        assertEquals(404, RawHttp.send(api.port(), "GET", "/v1/keys", Map.of("Origin", loginPage), null).status());
        RawHttp.Response getLogin = RawHttp.send(api.port(), "GET", "/v1/token-login", Map.of("Origin", loginPage), null);
        assertEquals(405, getLogin.status());
        assertEquals("POST, OPTIONS", getLogin.header("Allow"));
    }
}
