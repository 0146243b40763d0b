package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.cli.Messages;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.login.TerminalPinPrompt;
import hu.tokenplatform.tokenmanager.login.TestBank;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.os.LinuxProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local API's connections as a hostile local process uses them: connections that send nothing, or send a
 * request a byte at a time, must not keep the login page from being answered, and are cut at the header and
 * request deadlines; a login waiting minutes for its PIN must not stop anything else from being answered.
 * Bounds in time are asserted here because the attack is about time (issue 10): generous ones, far above what an
 * answer takes on a loaded machine and far below what the stalled connections would hold.
 */
class LocalApiConnectionsTest {

    /** An answer from a working agent, on a busy machine, well inside this. */
    private static final Duration PROMPT = Duration.ofSeconds(3);
    /** Far more than the header timeout (2 s) and the whole request's (5 s), far less than what was held before. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(9);

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final TestBank bank = new TestBank(pki);
    private final String loginPage = bank.origin();
    private final StringWriter agentScreen = new StringWriter();
    private final List<Socket> sockets = new ArrayList<>();
    private PipedOutputStream keyboard;
    private LocalApiServer api;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (api != null) {
            api.close();
        }
        if (keyboard != null) {
            keyboard.close();
        }
        bank.close();
    }

    /** Token Manager as the user runs it, with a keyboard the test types on when the PIN is asked. */
    private void startAgent() throws IOException {
        Path configFile = dir.resolve("agent.properties");
        bank.writeTrustStore(dir.resolve("bank-tls-ca.pem"));
        Files.writeString(configFile, "bank.trust-store=bank-tls-ca.pem\nbank.1.origin=" + loginPage + "\nbank.1.relay=" + bank.relay() + "\n");
        AgentConfig config = AgentConfig.load(configFile);
        keyboard = new PipedOutputStream();
        BufferedReader typed = new BufferedReader(new InputStreamReader(new PipedInputStream(keyboard), StandardCharsets.UTF_8));
        Terminal terminal = new Terminal(typed, new PrintWriter(agentScreen, true), new PrintWriter(agentScreen, true), null,
                Messages.english());
        TokenPort port = new TokenPort(dir.resolve("token"));
        api = LocalApiServer.start(config, port, new TokenLogin(config, port, new TerminalPinPrompt(terminal), Duration.ofSeconds(10)), 0);
    }

    private RawHttp.Response status() {
        return RawHttp.send(api.port(), "GET", "/v1/status", Map.of("Origin", loginPage), null);
    }

    /** A connection from a local process that sends {@code partial} and then nothing more. */
    private Socket stalled(String partial) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port());
        sockets.add(socket);
        if (!partial.isEmpty()) {
            socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return socket;
    }

    /** The stalled connections of an attack: silent ones and ones stuck in the request line or the headers. */
    private List<Socket> stalledConnections(int count) throws IOException {
        String[] partials = {"", "POST /v1/token-log", "POST /v1/token-login HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nOrig",
                "GET /v1/status HTTP/1.1\r\n"};
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stalled.add(stalled(partials[i % partials.length]));
        }
        return stalled;
    }

    /** Whether the server has closed (or reset) the connection, looking for at most {@code wait}. */
    private static boolean closedBy(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            InputStream in = socket.getInputStream();
            int read = in.read();
            while (read >= 0) {
                read = in.read();
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed with the bytes it had sent unread, as a stalled request should be
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void fortyStalledConnectionsDoNotKeepTheLoginPageFromBeingAnswered() throws Exception {
        startAgent();
        List<Socket> stalled = stalledConnections(40);

        long start = System.nanoTime();
        RawHttp.Response status = status();
        long took = millisSince(start);

        assertEquals(200, status.status(), status.body());
        assertTrue(took < PROMPT.toMillis(), "answered in " + took + " ms while 40 connections stall");
        for (Socket socket : stalled) {
            assertFalse(closedBy(socket, Duration.ofMillis(1)), "the stalled connections are still open: the answer did not wait for them");
        }
        long cutStart = System.nanoTime();
        for (Socket socket : stalled) {
            assertTrue(closedBy(socket, CUT_WITHIN), "a connection that never completes its headers is closed");
        }
        assertTrue(millisSince(cutStart) < CUT_WITHIN.toMillis());
    }

    @Test
    void moreStalledConnectionsThanTheCapStillLeaveRoomForTheLoginPage() throws Exception {
        startAgent();
        int cap = LocalHttpServer.Limits.DEFAULT.maxConnections();
        stalledConnections(cap + 40);

        long start = System.nanoTime();
        RawHttp.Response status = status();
        long took = millisSince(start);

        assertEquals(200, status.status(), status.body());
        assertTrue(took < PROMPT.toMillis(), "answered in " + took + " ms while " + (cap + 40) + " connections stall");
    }

    @Test
    void headersTrickledByteByByteAreCutAtTheHeaderTimeout() throws Exception {
        startAgent();
        byte[] request = ("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nOrigin: " + loginPage
                + "\r\nX-Trickle: " + "a".repeat(150) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Socket socket = stalled("");
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        boolean cut = false;
        for (int i = 0; i < request.length && !cut; i++) {
            try {
                out.write(request[i]);
                out.flush();
                Thread.sleep(50);
                cut = closedBy(socket, Duration.ofMillis(1));
            } catch (SocketException e) {
                cut = true;
            }
        }

        assertTrue(cut, "a request trickled over " + request.length * 50 / 1000 + " s is cut before it is complete");
        assertTrue(millisSince(start) < CUT_WITHIN.toMillis(), "cut after " + millisSince(start) + " ms");
    }

    @Test
    void aBodyTrickledByteByByteIsCutAtTheRequestTimeout() throws Exception {
        startAgent();
        Socket socket = stalled("POST /v1/token-login HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nOrigin: " + loginPage
                + "\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        boolean cut = false;
        for (int i = 0; i < 300 && !cut; i++) {
            try {
                out.write(' ');
                out.flush();
                Thread.sleep(50);
                cut = closedBy(socket, Duration.ofMillis(1));
            } catch (SocketException e) {
                cut = true;
            }
        }

        assertTrue(cut, "a body trickled over 15 s is cut before it is complete");
        assertTrue(millisSince(start) < CUT_WITHIN.toMillis(), "cut after " + millisSince(start) + " ms");
        assertEquals("", agentScreen.toString());
    }

    @Test
    void aLoginWaitingForItsPinDoesNotStopStatusPreflightsOrTheBusyAnswer() throws Exception {
        TestTokens.handedOver(dir.resolve("token"), pki).close();
        startAgent();
        TestBank.Transaction transaction = bank.newTransaction("electra", loginPage);
        String body = "{\"transactionId\":\"" + transaction.id() + "\",\"client\":\"electra\",\"challenge\":\""
                + transaction.challengeBase64Url() + "\"}";
        CompletableFuture<RawHttp.Response> waiting = CompletableFuture.supplyAsync(() -> RawHttp.send(api.port(), "POST",
                "/v1/token-login", Map.of("Origin", loginPage, "Content-Type", "application/json"), body));
        for (int i = 0; i < 200 && !agentScreen.toString().contains("Enter your token PIN"); i++) {
            Thread.sleep(50);
        }
        assertTrue(agentScreen.toString().contains("Enter your token PIN"), "the login waits for the PIN");

        RawHttp.Response status = status();
        RawHttp.Response preflight = RawHttp.send(api.port(), "OPTIONS", "/v1/token-login",
                Map.of("Origin", loginPage, "Access-Control-Request-Method", "POST"), null);
        RawHttp.Response second = RawHttp.send(api.port(), "POST", "/v1/token-login",
                Map.of("Origin", loginPage, "Content-Type", "application/json"), body);
        keyboard.write((PIN + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        assertEquals(200, status.status());
        assertTrue(status.body().contains("\"token\":\"BUSY\""), status.body());
        assertEquals(204, preflight.status());
        assertEquals(409, second.status());
        assertTrue(second.body().contains("\"code\":\"busy\""));
        assertEquals(200, waiting.get(30, TimeUnit.SECONDS).status(), "the waiting login goes on once the PIN is typed");
        assertEquals(1, bank.accepted.size());
    }

    @Test
    void aClientThatWaitsForContinueGetsItAndIsAnswered() throws Exception {
        startAgent();
        Socket socket = stalled("POST /v1/token-login HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nOrigin: " + loginPage
                + "\r\nContent-Type: application/json\r\nContent-Length: 8\r\nExpect: 100-continue\r\n\r\n");
        socket.setSoTimeout(10_000);
        byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
        socket.getOutputStream().write("{\"pin\":1".getBytes(StandardCharsets.US_ASCII));

        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    }

    @Test
    void requestsOutsideTheHttpSubsetAreRefused() throws Exception {
        startAgent();
        String head = "POST /v1/token-login HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\nOrigin: " + loginPage
                + "\r\nContent-Type: application/json\r\n";

        assertEquals(411, rawStatus(head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{}{}{\r\n0\r\n\r\n"));
        assertEquals(400, rawStatus(head + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"));
        assertEquals(400, rawStatus(head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}"));
        assertEquals(400, rawStatus(head + " folded: header\r\n\r\n"));
        assertEquals(400, rawStatus(head + "Bad Name: x\r\n\r\n"));
        assertEquals(400, rawStatus("GET http://127.0.0.1/v1/status HTTP/1.1\r\n\r\n"));
        assertEquals(400, rawStatus("GET /v1/status HTTP/1.1\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals(417, rawStatus(head + "Expect: something-else\r\nContent-Length: 2\r\n\r\n{}"));
        assertEquals(431, rawStatus(head + ("X-Filler: " + "a".repeat(100) + "\r\n").repeat(90) + "\r\n"));
        assertEquals(413, rawStatus(head + "Content-Length: 100000\r\n\r\n"));
        assertEquals(200, status().status(), "and the agent goes on answering");
    }

    private int rawStatus(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.split(" ")[1]);
        }
    }

    @Test
    void anotherUsersConnectionIsAnsweredBeforeItSendsAByte() throws Exception {
        assumeTrue(LinuxProcesses.effectiveUid().orElse(-1) == 0, "needs root to act as another local user");
        startAgent();

        // The other user's process connects and only listens: the refusal arrives although it sent nothing.
        Process otherUser = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/" + api.port() + "; timeout 5 cat <&3").redirectErrorStream(true).start();
        String answer = new String(otherUser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(otherUser.waitFor(10, TimeUnit.SECONDS));

        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertTrue(answer.contains("\"code\":\"caller-not-this-user\""), answer);
        assertFalse(answer.contains("Access-Control-Allow-Origin"));
        assertEquals(200, status().status(), "this user's own programs are served");
    }
}
