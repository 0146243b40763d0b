package hu.tokenplatform.tokenmanager.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Token Manager's texts in English and Hungarian, one bundle for the screens and for {@code --help}. The
 * language comes from {@code --lang}, else {@code TOKEN_MANAGER_LANG}, else the system locale; anything but
 * Hungarian is English.
 */
public final class Messages {

    public static final String BUNDLE = "hu.tokenplatform.tokenmanager.cli.messages";
    public static final String LANGUAGE_VARIABLE = "TOKEN_MANAGER_LANG";
    private static final Locale HUNGARIAN = Locale.forLanguageTag("hu");

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: an English user on a Hungarian system still gets English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages forLanguage(String requested, Map<String, String> environment, Locale system) {
        String language = requested != null ? requested : environment.get(LANGUAGE_VARIABLE);
        Locale chosen = language != null ? Locale.forLanguageTag(language.strip()) : system;
        return new Messages(HUNGARIAN.getLanguage().equals(chosen.getLanguage()) ? HUNGARIAN : Locale.ROOT);
    }

    public static Messages english() {
        return new Messages(Locale.ROOT);
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key} in MessageFormat syntax (so an apostrophe is written twice in the bundle). */
    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
