package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokenmanager.TokenManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs Token Manager's command line in-process the way a user at a terminal without a console (a pipe)
 * would: the typed lines come from {@code input}, the screen is captured.
 */
public final class CliRun {

    private final Map<String, String> environment = new HashMap<>();
    private final Path home;
    private Locale systemLocale = Locale.ENGLISH;

    public CliRun(Path home, Path token) {
        this.home = home;
        environment.put("TOKEN_MANAGER_TOKEN", token.toString());
    }

    public CliRun environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public CliRun systemLocale(Locale locale) {
        this.systemLocale = locale;
        return this;
    }

    /** @param typed what the user types, one answer per line */
    public Result run(String typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TokenManager.run(args, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, err, null,
                StandardCharsets.UTF_8, Map.copyOf(environment), home, systemLocale);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static String lines(String... answers) {
        return String.join("\n", answers) + "\n";
    }

    public record Result(int exit, String out, String err) {
        public String screen() {
            return out + err;
        }
    }
}
