package hu.tokenplatform.tokenmanager.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Hungarian unless asked otherwise; a choice made in the app is remembered, {@code --lang} wins for one run. */
class LanguageChoiceTest {

    @TempDir
    Path home;

    private AppLanguage chosen(String requested, String environment) {
        return DesktopApp.language(Optional.ofNullable(requested), new LanguagePreference(home), Optional.ofNullable(environment));
    }

    @Test
    void hungarianByDefaultWhateverTheSystemSpeaks() {
        Locale system = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(AppLanguage.HUNGARIAN, chosen(null, null));
        } finally {
            Locale.setDefault(system);
        }
    }

    @Test
    void theOptionWinsOverTheRememberedChoiceWhichWinsOverTheEnvironment() {
        assertEquals(AppLanguage.ENGLISH, chosen(null, "en"));
        new LanguagePreference(home).remember(AppLanguage.HUNGARIAN);

        assertEquals(AppLanguage.HUNGARIAN, chosen(null, "en"));
        assertEquals(AppLanguage.ENGLISH, chosen("en", null));
        assertEquals(AppLanguage.ENGLISH, chosen("de", null), "anything but Hungarian is English, as on the command line");
        assertEquals(AppLanguage.HUNGARIAN, chosen("hu-HU", null));
        assertEquals(Optional.of(AppLanguage.HUNGARIAN), new LanguagePreference(home).remembered(), "--lang is not remembered");
    }

    @Test
    void theChoiceIsWrittenForTheUserOnlyAndReplacedWhole() throws Exception {
        LanguagePreference preference = new LanguagePreference(home);
        preference.remember(AppLanguage.ENGLISH);
        preference.remember(AppLanguage.HUNGARIAN);
        preference.remember(AppLanguage.ENGLISH);

        assertEquals(Optional.of(AppLanguage.ENGLISH), new LanguagePreference(home).remembered());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(preference.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(preference.file().getParent())));
        try (var files = Files.list(preference.file().getParent())) {
            assertEquals(List.of(preference.file()), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aDamagedOrForeignPreferenceFileMeansTheDefault() throws Exception {
        LanguagePreference preference = new LanguagePreference(home);
        Files.createDirectories(preference.file().getParent());

        Files.writeString(preference.file(), "language=xx\n");
        assertEquals(AppLanguage.HUNGARIAN, chosen(null, null));
        Files.write(preference.file(), new byte[]{'l', '=', '\\', 'u', 'Z'});
        assertEquals(AppLanguage.HUNGARIAN, chosen(null, null));
    }

    @Test
    void bothLanguagesHaveTheSameTextsAndEveryConditionIsExplained() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle english = ResourceBundle.getBundle(AppTexts.BUNDLE, Locale.ROOT, exact);
        ResourceBundle hungarian = ResourceBundle.getBundle(AppTexts.BUNDLE, Locale.forLanguageTag("hu"), exact);

        assertEquals(english.keySet(), hungarian.keySet());
        List<String> sameInBoth = List.of("app.name", "app.tooltip", "token.csn", "language.HUNGARIAN", "language.ENGLISH");
        for (String key : english.keySet()) {
            if (!sameInBoth.contains(key)) {
                assertNotEquals(english.getString(key), hungarian.getString(key), "translated: " + key);
            }
        }
        for (AppLanguage language : AppLanguage.values()) {
            AppTexts texts = new AppTexts(language);
            for (TokenCondition condition : TokenCondition.values()) {
                assertFalse(texts.text("condition." + condition.name()).isBlank());
                assertFalse(texts.text("condition." + condition.name() + ".advice", new java.util.Date()).isBlank());
            }
        }
    }

    @Test
    void theEnglishTextsAreNotTakenForHungarianOnes() {
        try {
            ResourceBundle.getBundle(AppTexts.BUNDLE, Locale.GERMAN,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new AssertionError("the base bundle is English and always there", e);
        }
        assertEquals("Ready", new AppTexts(AppLanguage.ENGLISH).text("condition.READY"));
        assertEquals("Használatra kész", new AppTexts(AppLanguage.HUNGARIAN).text("condition.READY"));
    }
}
