package hu.tokenplatform.tokenmanager.program;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.login.TestBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The installed agent has no terminal: it asks the login PIN in its own window. Run on a virtual X display
 * (Xvfb) where the test types into that window with xdotool, as the user would with the keyboard.
 */
class PinWindowIT {

    private static final String LOGIN_PAGE = "http://127.0.0.1:8082";

    @TempDir
    Path dir;

    private Process display;
    private String displayName;
    private Process agent;
    private TestBank bank;
    private int port;

    @BeforeEach
    void startDesktopAndAgent() throws Exception {
        assumeTrue(onPath("Xvfb") && onPath("xdotool"), "needs Xvfb and xdotool (installed by .ci/run)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        displayName = ":" + (90 + ProcessHandle.current().pid() % 100);
        display = new ProcessBuilder("Xvfb", displayName, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        for (int i = 0; i < 50 && !Files.exists(Path.of("/tmp/.X11-unix/X" + displayName.substring(1))); i++) {
            Thread.sleep(100);
        }

        TestPki pki = new TestPki();
        TestTokens.handedOver(dir.resolve("token"), pki).close();
        bank = new TestBank(pki);
        bank.writeTrustStore(dir.resolve("bank-ca.pem"));
        Path config = Files.writeString(dir.resolve("agent.properties"),
                "bank.trust-store=bank-ca.pem\nbank.1.origin=" + LOGIN_PAGE + "\nbank.1.relay=" + bank.relay() + "\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        InstalledProgram program = new InstalledProgram(dir.resolve("program"));
        agent = program.start(Map.of("DISPLAY", displayName, "HOME", dir.toString(), "TOKEN_MANAGER_LANG", "en",
                "TOKEN_MANAGER_TOKEN", dir.resolve("token").toString()), "--config", config.toString(), "serve", "--port", String.valueOf(port));
        BufferedReader screen = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(screen.readLine().contains("listening"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
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

    private CompletableFuture<HttpResponse<String>> loginFromThePage() {
        TestBank.Transaction transaction = bank.newTransaction("electra", LOGIN_PAGE);
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token-login"))
                .header("Origin", LOGIN_PAGE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transactionId\":\"" + transaction.id()
                        + "\",\"client\":\"electra\",\"challenge\":\"" + transaction.challengeBase64Url() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for Token Manager's PIN window and clicks it, as the user does (the virtual display has no window manager). */
    private void focusPinWindow() throws Exception {
        String window = xdotool("search", "--sync", "--onlyvisible", "--name", "^Token Manager$").strip().split("\n")[0];
        xdotool("mousemove", "--window", window, "5", "5", "click", "1");
    }

    private String xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", displayName);
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "xdotool " + String.join(" ", args));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void pinTypedIntoTheWindowLogsIn() throws Exception {
        CompletableFuture<HttpResponse<String>> response = loginFromThePage();

        focusPinWindow();
        xdotool("type", "--delay", "30", TestTokens.PIN);
        xdotool("key", "Return");

        assertEquals(200, response.get(60, TimeUnit.SECONDS).statusCode(), response.get().body());
        assertEquals(1, bank.accepted.size());
    }

    @Test
    void closingTheWindowWithEscapeCancelsTheLogin() throws Exception {
        CompletableFuture<HttpResponse<String>> response = loginFromThePage();

        focusPinWindow();
        xdotool("key", "Escape");

        HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
        assertEquals(409, answer.statusCode());
        assertTrue(answer.body().contains("\"code\":\"pin-entry-cancelled\""));
        assertTrue(bank.accepted.isEmpty());
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(path -> Files.isExecutable(Path.of(path, program)));
    }
}
