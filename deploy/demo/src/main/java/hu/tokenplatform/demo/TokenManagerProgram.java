package hu.tokenplatform.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built Token Manager ({@code token-manager/target/token-manager-*.jar}) run as its own process for one
 * token, the way the branch, the factory and the user run it.
 */
public final class TokenManagerProgram {

    public record Result(int exit, String out, String err) {
        public Result requireSuccess(String what) {
            if (exit != 0) {
                throw new IllegalStateException("token-manager " + what + " exited " + exit + ": " + out + err);
            }
            return this;
        }
    }

    private final Path jar;
    private final Map<String, String> environment = new HashMap<>();

    public TokenManagerProgram(Path jar, Path token) {
        this.jar = jar;
        environment.put("TOKEN_MANAGER_TOKEN", token.toString());
        environment.put("TOKEN_MANAGER_LANG", "en");
    }

    public TokenManagerProgram with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public Path jar() {
        return jar;
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** Runs a command to its end; {@code typed} is what the user types, one answer a line. */
    public Result run(String typed, String... args) {
        try {
            Path out = Files.createTempFile("token-manager", ".out");
            Path err = Files.createTempFile("token-manager", ".err");
            try {
                Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                process.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("token-manager " + String.join(" ", args) + " did not finish");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a long-running command such as {@code serve}; the caller talks to its standard input and output. */
    public Process start(String... args) {
        try {
            return builder(args).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }
}
