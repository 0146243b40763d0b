package hu.tokenplatform.tokenmanager.program;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.login.TestBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent stops at once when the session ends or the user presses Ctrl-C, even while a login waits for its PIN
 * on a terminal whose input never answers (a pipe kept open): the stop is not held up by the waiting prompt.
 */
class ServeStopIT {

    /** Far below systemd's 90 s stop timeout, above a busy machine's JVM shutdown. */
    private static final long PROMPTLY_SECONDS = 10;

    @TempDir
    Path dir;

    private static final int SIGINT = 2;

    private TestBank bank;
    private Path config;
    private int port;
    private InstalledProgram program;
    private Process agent;
    private Process display;

    @BeforeEach
    void bank() throws Exception {
        TestPki pki = new TestPki();
        TestTokens.handedOver(dir.resolve("token"), pki).close();
        bank = new TestBank(pki);
        bank.writeTrustStore(dir.resolve("bank-ca.pem"));
        config = Files.writeString(dir.resolve("agent.properties"),
                "bank.trust-store=bank-ca.pem\nbank.1.origin=" + bank.origin() + "\nbank.1.relay=" + bank.relay() + "\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        program = new InstalledProgram(dir.resolve("program"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
            agent.waitFor(20, TimeUnit.SECONDS);
        }
        if (bank != null) {
            bank.close();
        }
        if (display != null) {
            display.destroy();
            display.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCStopsTheAgentWhileAPinQuestionWaits() throws Exception {
        agentAskingOnItsTerminal(false);
        // Where the test runner itself was started with SIGINT ignored, so is the agent (see the test below).
        assumeFalse(ignores(agent.pid(), SIGINT), "the test runner's process tree ignores SIGINT");

        signal("INT");

        assertTrue(agent.waitFor(PROMPTLY_SECONDS, TimeUnit.SECONDS), "the agent stopped after SIGINT");
        assertEquals(ExitCodes.STOPPED_BY_INTERRUPT, agent.exitValue());
    }

    @Test
    void sigtermStopsTheAgentWhileAPinQuestionWaits() throws Exception {
        agentAskingOnItsTerminal(false);

        signal("TERM");

        assertTrue(agent.waitFor(PROMPTLY_SECONDS, TimeUnit.SECONDS), "the agent stopped after SIGTERM");
        assertEquals(ExitCodes.STOPPED_BY_TERMINATION, agent.exitValue());
    }

    /**
     * What was tried by hand: started in the background of a script, the agent ignores SIGINT from its start (the
     * shell's doing, kept by the JVM) and no Ctrl-C or {@code kill -INT} can stop it. It says so, with what does.
     */
    @Test
    void startedWithCtrlCIgnoredTheAgentSaysHowToStopIt() throws Exception {
        String greeting = agentAskingOnItsTerminal(true);
        assertTrue(ignores(agent.pid(), SIGINT));
        assertTrue(greeting.contains("started with Ctrl-C ignored (in the background), so stop it with: kill " + agent.pid()), greeting);

        signal("TERM");

        assertTrue(agent.waitFor(PROMPTLY_SECONDS, TimeUnit.SECONDS), "the agent stopped after SIGTERM");
        assertEquals(ExitCodes.STOPPED_BY_TERMINATION, agent.exitValue());
    }

    @Test
    void sigtermStopsTheAgentWhileThePinWindowWaits() throws Exception {
        assumeTrue(onPath("Xvfb") && onPath("xdotool"), "needs Xvfb and xdotool (installed by .ci/run)");
        String displayName = ":" + (190 + ProcessHandle.current().pid() % 100);
        display = new ProcessBuilder("Xvfb", displayName, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        for (int i = 0; i < 50 && !Files.exists(Path.of("/tmp/.X11-unix/X" + displayName.substring(1))); i++) {
            Thread.sleep(100);
        }
        agent = program.start(environment(Map.of("DISPLAY", displayName)), "--config", config.toString(), "serve",
                "--port", String.valueOf(port), "--pin-entry", "window");
        awaitOnScreen(agent.getInputStream(), "listening");
        CompletableFuture<HttpResponse<String>> login = loginFromThePage();
        ProcessBuilder pinWindow = new ProcessBuilder("xdotool", "search", "--sync", "--onlyvisible", "--name", "Electra");
        pinWindow.environment().put("DISPLAY", displayName);
        assertTrue(pinWindow.start().waitFor(60, TimeUnit.SECONDS), "the PIN window shows");
        assertFalse(login.isDone(), "the login waits for the PIN");

        signal("TERM");

        assertTrue(agent.waitFor(PROMPTLY_SECONDS, TimeUnit.SECONDS), "the agent stopped after SIGTERM");
        assertEquals(ExitCodes.STOPPED_BY_TERMINATION, agent.exitValue());
    }

    /**
     * The agent asking the PIN of a login on its terminal, whose input stays open and silent: the question waits
     * for ever. Returns what the agent said when it started.
     */
    private String agentAskingOnItsTerminal(boolean interruptIgnored) throws IOException {
        Map<String, String> environment = environment(Map.of());
        String[] args = {"--config", config.toString(), "serve", "--port", String.valueOf(port), "--pin-entry", "terminal"};
        agent = interruptIgnored ? program.startWithInterruptIgnored(environment, args) : program.start(environment, args);
        String greeting = awaitOnScreen(agent.getInputStream(), "\n");
        assertTrue(greeting.contains("listening"), greeting);
        CompletableFuture<HttpResponse<String>> login = loginFromThePage();
        awaitOnScreen(agent.getInputStream(), "PIN (leave empty to cancel)");
        assertFalse(login.isDone(), "the login waits for the PIN");
        return greeting;
    }

    private Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of("HOME", dir.toString(), "TOKEN_MANAGER_LANG", "en",
                "TOKEN_MANAGER_TOKEN", dir.resolve("token").toString()));
        environment.putAll(more);
        return environment;
    }

    private CompletableFuture<HttpResponse<String>> loginFromThePage() {
        TestBank.Transaction transaction = bank.newTransaction("electra", bank.origin());
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token-login"))
                .header("Origin", bank.origin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transactionId\":\"" + transaction.id()
                        + "\",\"client\":\"electra\",\"challenge\":\"" + transaction.challengeBase64Url() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(agent.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    /** Whether signal {@code number} is ignored by the process, from the SigIgn mask in /proc. */
    private static boolean ignores(long pid, int number) throws IOException {
        String mask = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow().substring("SigIgn:".length()).strip();
        return (Long.parseUnsignedLong(mask, 16) & (1L << (number - 1))) != 0;
    }

    /** Reads the agent's screen (without waiting for a line end: a prompt has none) until {@code text} shows. */
    private static String awaitOnScreen(InputStream screen, String text) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
            int b = screen.read();
            if (b == -1) {
                throw new IllegalStateException("the agent ended before showing '" + text + "': " + seen);
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(path -> Files.isExecutable(Path.of(path, program)));
    }
}
