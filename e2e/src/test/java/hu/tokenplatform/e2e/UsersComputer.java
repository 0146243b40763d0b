package hu.tokenplatform.e2e;

import hu.tokenplatform.demo.TokenManagerProgram;
import hu.tokenplatform.platformdriver.RunningPlatform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A corporate user's computer: their token in a directory, Token Manager installed (the built jar) and
 * configured for the bank's login page, its windows on the user's screen, and the agent running in a terminal
 * where the user types the PIN when Token Manager asks.
 */
final class UsersComputer implements AutoCloseable {

    private static final String PIN_QUESTION = "Enter your token PIN";

    final TokenManagerProgram tokenManager;
    final Path home;
    private Process agent;
    private final BlockingQueue<String> agentScreen = new LinkedBlockingQueue<>();
    private final AtomicInteger pinQuestions = new AtomicInteger();

    UsersComputer(RunningPlatform platform, Path home, String keystorePassword) {
        this.home = home;
        Path jar;
        try (var jars = Files.list(platform.root.resolve("token-manager/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("token-manager-.*\\.jar")).findFirst().orElseThrow();
            Files.createDirectories(home);
            Files.copy(platform.var.resolve("tls/tls-ca.pem"), home.resolve("bank-tls-ca.pem"));
            Files.writeString(home.resolve("agent.properties"), """
                    local-api.port=%s
                    bank.trust-store=bank-tls-ca.pem
                    bank.1.origin=%s
                    bank.1.relay=https://127.0.0.1:%s
                    """.formatted(platform.environment.get("TOKEN_MANAGER_PORT"), platform.url("AUTH_HTTP_PORT"),
                    platform.environment.get("AUTH_AGENT_PORT")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tokenManager = new TokenManagerProgram(jar, token())
                .with("TOKEN_MANAGER_CONFIG", home.resolve("agent.properties").toString())
                .with("HOME", home.toString())
                .with("TOKEN_FACTORY_KEYSTORE_PASSWORD", keystorePassword)
                .with("TOKEN_FACTORY_CA_PASSWORD", platform.secrets().get("TOKEN_FACTORY_CA_PASSWORD"));
    }

    /** Token Manager's windows for this computer's token and agent configuration, as its desktop app opens them. */
    TokenManagerWindows openWindows() {
        return new TokenManagerWindows(token(), home.resolve("agent.properties"));
    }

    private Path token() {
        return home.resolve("token");
    }

    /** Starts Token Manager's agent, PIN prompts on its terminal. */
    void startAgent() {
        agent = tokenManager.start("serve", "--pin-entry", "terminal");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains(PIN_QUESTION)) {
                        pinQuestions.incrementAndGet();
                    }
                    agentScreen.add(line);
                }
            } catch (IOException e) {
                agentScreen.add("agent output ended: " + e.getMessage());
            }
        }, "agent-screen");
        reader.setDaemon(true);
        reader.start();
        String first = nextAgentLine();
        if (!first.contains("listening")) {
            throw new IllegalStateException("Token Manager did not start: " + first);
        }
    }

    /** Waits until Token Manager asks for the PIN, returns its question, and types the PIN. */
    String answerPinPrompt(String pin) {
        String question = nextAgentLine();
        while (!question.contains(PIN_QUESTION)) {
            question = nextAgentLine();
        }
        try {
            agent.getOutputStream().write((pin + "\n").getBytes(StandardCharsets.UTF_8));
            agent.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return question;
    }

    /** How many times Token Manager has asked for the PIN so far. */
    int pinQuestions() {
        return pinQuestions.get();
    }

    private String nextAgentLine() {
        try {
            String line = agentScreen.poll(90, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("Token Manager said nothing for 90 s");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stopAgent() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(20, TimeUnit.SECONDS);
            agent = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopAgent();
    }
}
