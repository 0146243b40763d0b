package hu.tokenplatform.benchmarks.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Keycloak could not be installed, started, set up or stopped; the message says which step and why. */
public class KeycloakStartException extends RuntimeException {

    private static final int TAIL_LINES = 20;

    public KeycloakStartException(String message) {
        super(message);
    }

    public KeycloakStartException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The last lines of a log, quoted in a failure so that it can be understood without opening the file. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e.getMessage() + ")";
        }
    }
}
