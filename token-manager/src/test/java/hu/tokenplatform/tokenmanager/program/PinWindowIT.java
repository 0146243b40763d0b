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
import java.util.HashMap;
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
 * (Xvfb) where the test types into that window with xdotool, as the user would with the keyboard. The window
 * names the service as the bank registered it, in the user's language: the test finds it by that name, and
 * writes what it looks like to {@code docs/images/pin-window-en.png} and {@code pin-window-hu.png}.
 */
class PinWindowIT {

    /** Login page port shown in the screenshots. */
    private static final int SCREENSHOT_LOGIN_PAGE_PORT = 44380;

    @TempDir
    Path dir;

    private Process display;
    private String displayName;
    private Process agent;
    private TestBank bank;
    private String loginPage;
    private Path config;
    private int port;

    @BeforeEach
    void startDesktopAndBank() throws Exception {
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
        bank = bankOnScreenshotPort(pki);
        loginPage = bank.origin();
        bank.writeTrustStore(dir.resolve("bank-ca.pem"));
        config = Files.writeString(dir.resolve("agent.properties"),
                "bank.trust-store=bank-ca.pem\nbank.1.origin=" + loginPage + "\nbank.1.relay=" + bank.relay() + "\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    /**
     * The window names the login page's origin: on a fixed port the screenshots in docs/images are the same at every
     * run (and a clean checkout stays clean); on any free port if another program holds it.
     */
    private static TestBank bankOnScreenshotPort(TestPki pki) {
        try {
            return new TestBank(pki, SCREENSHOT_LOGIN_PAGE_PORT);
        } catch (RuntimeException portTaken) {
            return new TestBank(pki);
        }
    }

    /** The installed agent in the user's desktop session, speaking {@code language}. */
    private void startAgent(String language) throws IOException {
        InstalledProgram program = new InstalledProgram(dir.resolve("program"));
        agent = program.start(Map.of("DISPLAY", displayName, "HOME", dir.toString(), "TOKEN_MANAGER_LANG", language,
                "TOKEN_MANAGER_TOKEN", dir.resolve("token").toString()), "--config", config.toString(), "serve", "--port", String.valueOf(port));
        BufferedReader screen = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String first = screen.readLine();
        assertTrue(first != null && (first.contains("listening") || first.contains("figyel")), first);
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

    private CompletableFuture<HttpResponse<String>> loginFromThePage(String clientThePageNames) {
        TestBank.Transaction transaction = bank.newTransaction("electra", loginPage);
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token-login"))
                .header("Origin", loginPage)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transactionId\":\"" + transaction.id()
                        + "\",\"client\":\"" + clientThePageNames + "\",\"challenge\":\"" + transaction.challengeBase64Url() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits for Token Manager's PIN window, found by its title, which must name the service as {@code titlePattern}
     * says, and clicks it, as the user does (the virtual display has no window manager).
     */
    private String focusPinWindow(String titlePattern) throws Exception {
        String window = xdotool("search", "--sync", "--onlyvisible", "--name", titlePattern).strip().split("\n")[0];
        xdotool("mousemove", "--window", window, "5", "5", "click", "1");
        return window;
    }

    /** The window as the user sees it, as a PNG where the documentation shows it. */
    private void screenshot(String window, String fileName) throws Exception {
        Thread.sleep(500); // the click's focus and caret have been painted
        Map<String, Integer> geometry = new HashMap<>();
        for (String line : xdotool("getwindowgeometry", "--shell", window).split("\n")) {
            String[] pair = line.split("=");
            if (pair.length == 2 && pair[1].strip().matches("[0-9]+")) {
                geometry.put(pair[0].strip(), Integer.parseInt(pair[1].strip()));
            }
        }
        Path directory = Path.of(System.getProperty("pin-window.screenshots", "target/pin-window"));
        Files.createDirectories(directory);
        Path image = directory.resolve(fileName);
        String classes = Path.of(ScreenShot.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder capture = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes, ScreenShot.class.getName(), image.toString(), String.valueOf(geometry.get("X")),
                String.valueOf(geometry.get("Y")), String.valueOf(geometry.get("WIDTH")), String.valueOf(geometry.get("HEIGHT")))
                .redirectErrorStream(true);
        capture.environment().put("DISPLAY", displayName);
        Process process = capture.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        assertTrue(Files.size(image) > 1000, "a picture of the window in " + image);
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
    void pinTypedIntoTheWindowThatNamesTheRegisteredServiceLogsIn() throws Exception {
        startAgent("en");
        CompletableFuture<HttpResponse<String>> response = loginFromThePage("electra");

        String window = focusPinWindow("^Token Manager .+ log in to Electra corporate e-banking$");
        screenshot(window, "pin-window-en.png");
        xdotool("type", "--delay", "30", TestTokens.PIN);
        xdotool("key", "Return");

        assertEquals(200, response.get(60, TimeUnit.SECONDS).statusCode(), response.get().body());
        assertEquals(1, bank.accepted.size());
    }

    @Test
    void theWindowNamesTheServiceInHungarianForAHungarianUser() throws Exception {
        startAgent("hu");
        CompletableFuture<HttpResponse<String>> response = loginFromThePage("electra");

        String window = focusPinWindow("^Token Manager .+ bejelentkez.+: Electra v.+llalati internetbank$");
        screenshot(window, "pin-window-hu.png");
        xdotool("key", "Escape");

        assertEquals(409, response.get(60, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void closingTheWindowWithEscapeCancelsTheLogin() throws Exception {
        startAgent("en");
        CompletableFuture<HttpResponse<String>> response = loginFromThePage("electra");

        focusPinWindow("Electra corporate e-banking$");
        xdotool("key", "Escape");

        HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
        assertEquals(409, answer.statusCode());
        assertTrue(answer.body().contains("\"code\":\"pin-entry-cancelled\""));
        assertTrue(bank.accepted.isEmpty());
    }

    @Test
    void aPageNamingAnotherClientOpensNoWindow() throws Exception {
        startAgent("en");

        HttpResponse<String> answer = loginFromThePage("evil-client").get(60, TimeUnit.SECONDS);

        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("\"code\":\"client-mismatch\""), answer.body());
        assertEquals("", xdotool("search", "--onlyvisible", "--name", "Token Manager").strip(), "no PIN window was shown");
        assertTrue(bank.accepted.isEmpty());
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(path -> Files.isExecutable(Path.of(path, program)));
    }
}
