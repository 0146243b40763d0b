package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command explains itself with --help, in English and Hungarian, and the user can switch language. */
class HelpAndLanguageTest {

    @TempDir
    Path home;

    /** Every command path, e.g. [status], [enrol, generate-keys]. */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new TokenManager(null, Map.of(), Path.of("."))), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> prefix, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            collect(sub, path, paths);
        });
    }

    @Test
    void everyCommandHasHelpWithADescriptionInBothLanguages() {
        CliRun cli = new CliRun(home, home.resolve("token"));
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() >= 12, "all commands found: " + paths);
        for (List<String> path : paths) {
            for (String language : List.of("en", "hu")) {
                List<String> args = new ArrayList<>(List.of("--lang", language));
                args.addAll(path);
                args.add("--help");

                CliRun.Result result = cli.run("", args.toArray(String[]::new));

                assertEquals(ExitCodes.OK, result.exit(), path + " " + language);
                assertTrue(result.out().contains(language.equals("en") ? "Usage: token-manager " : "Használat: token-manager "),
                        path + " " + language + ":\n" + result.out());
                String description = result.out().split("\n\n")[2];
                assertFalse(description.isBlank(), "a description for " + path + " in " + language);
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameTexts() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle english = ResourceBundle.getBundle(Messages.BUNDLE, Locale.ROOT, exact);
        ResourceBundle hungarian = ResourceBundle.getBundle(Messages.BUNDLE, Locale.forLanguageTag("hu"), exact);
        Set<String> hungarianKeys = hungarian.keySet();
        Stream<String> missing = english.keySet().stream().filter(key -> {
            try {
                return hungarian.getString(key).equals(english.getString(key))
                        && !key.startsWith("usage.descriptionHeading") && !key.startsWith("usage.footerHeading")
                        && !key.startsWith("unlock.csn") && !key.startsWith("unlock.random");
            } catch (MissingResourceException e) {
                return true;
            }
        });
        assertEquals(List.of(), missing.toList(), "untranslated texts");
        assertTrue(hungarianKeys.containsAll(english.keySet()));
    }

    @Test
    void everyTokenStateCanBeShownAndExplainedInBothLanguages() {
        for (Messages messages : List.of(Messages.english(), Messages.forLanguage("hu", Map.of(), Locale.ROOT))) {
            for (DeviceState state : DeviceState.values()) {
                assertFalse(messages.text("state." + state.name()).isBlank(), state + " in " + messages.locale());
                assertFalse(messages.text("error.token-state." + state.name()).isBlank(), state + " in " + messages.locale());
            }
        }
    }

    @Test
    void languageComesFromTheOptionTheEnvironmentOrTheSystem() {
        TestTokens.handedOver(home.resolve("token"), new TestPki()).close();

        assertTrue(new CliRun(home, home.resolve("token")).run("", "--lang", "hu", "status").out().contains("Állapot:"));
        assertTrue(new CliRun(home, home.resolve("token")).environment("TOKEN_MANAGER_LANG", "hu").run("", "status")
                .out().contains("Állapot:"));
        assertTrue(new CliRun(home, home.resolve("token")).systemLocale(Locale.forLanguageTag("hu-HU")).run("", "status")
                .out().contains("Állapot:"));
        assertTrue(new CliRun(home, home.resolve("token")).systemLocale(Locale.forLanguageTag("hu-HU")).run("", "--lang", "en", "status")
                .out().contains("State:"), "English on a Hungarian system when asked");
        assertTrue(new CliRun(home, home.resolve("token")).systemLocale(Locale.GERMAN).run("", "status")
                .out().contains("State:"), "English for any other language");
    }

    @Test
    void errorsAreInTheChosenLanguage() {
        CliRun.Result result = new CliRun(home, home.resolve("none")).run("", "--lang", "hu", "status");

        assertEquals(ExitCodes.TOKEN_ABSENT, result.exit());
        assertTrue(result.err().contains("Nem található token."));
    }

    @Test
    void noCommandShowsTheCommandsAndFailsAsAUsageError() {
        CliRun.Result result = new CliRun(home, home.resolve("token")).run("");

        assertEquals(ExitCodes.USAGE, result.exit());
        assertTrue(result.err().contains("Choose a command, for example: token-manager status"));
        assertTrue(result.err().contains("set-pin"));
    }

    /** Without a command Token Manager shows its icon on the desktop; where there is none, what to type instead. */
    @Test
    void noCommandWithoutADesktopSaysSoAndShowsTheCommands() {
        CliRun.Result english = new CliRun(home, home.resolve("token")).run("", "--lang", "en");
        CliRun.Result hungarian = new CliRun(home, home.resolve("token")).run("", "--lang", "hu");

        assertEquals(ExitCodes.USAGE, english.exit());
        assertTrue(english.err().contains("Token Manager cannot show its icon here: there is no graphical display."), english.err());
        assertTrue(english.err().contains("change-pin"));
        assertTrue(hungarian.err().contains("A Token Manager itt nem tud megjelenni: nincs grafikus kijelző."), hungarian.err());
    }
}
