package hu.tokenplatform.tokenmanager.desktop;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The windows speak Hungarian and English completely: the same keys in both, and a word of each really translated. */
class ScreenTextsTest {

    private static Set<String> keys(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(ScreenTexts.BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new TreeSet<>(bundle.keySet());
    }

    @Test
    void bothLanguagesHaveTheSameTexts() {
        assertEquals(keys(Locale.ROOT), keys(Locale.forLanguageTag("hu")));
    }

    @Test
    void hungarianForHungarianEnglishForAnyoneElse() {
        ScreenTexts hungarian = new ScreenTexts(Locale.forLanguageTag("hu-HU"));
        ScreenTexts german = new ScreenTexts(Locale.GERMAN);

        assertEquals("Ú&j PIN", hungarian.text("pin.new"));
        assertEquals("&New PIN", german.text("pin.new"));
        for (String key : keys(Locale.ROOT)) {
            if (!Set.of("window.title", "unlock.csn", "unlock.random", "status.csn", "status.random", "status.tries.value",
                    "status.open.BLOCKED", "unlock.code").contains(key)) {
                assertNotEquals(german.text(key), hungarian.text(key), key + " is not translated");
            }
        }
    }

    @Test
    void theRulesAreWordedAsOnTheCommandLine() {
        ScreenTexts english = new ScreenTexts(Locale.ENGLISH);
        var rules = hu.tokenplatform.tokencrypto.pin.PinPolicy.defaults().evaluate(new char[0], pin -> false);

        assertEquals("6 to 16 characters", english.rule(rules.results().get(0)));
        assertTrue(new ScreenTexts(Locale.forLanguageTag("hu")).rule(rules.results().get(0)).contains("karakter"));
    }
}
