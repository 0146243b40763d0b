package hu.tokenplatform.tokenmanager.desktop;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The tray's and the main window's texts ({@code desktop/app*.properties}) in one language. */
public final class AppTexts {

    public static final String BUNDLE = "hu.tokenplatform.tokenmanager.desktop.app";

    private final AppLanguage language;
    private final ResourceBundle bundle;

    public AppTexts(AppLanguage language) {
        this.language = language;
        // No fallback to the JVM's default locale: the chosen language, whatever the system's is.
        this.bundle = ResourceBundle.getBundle(BUNDLE, language == AppLanguage.ENGLISH ? Locale.ROOT : language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public AppLanguage language() {
        return language;
    }

    /** The text for {@code key} in MessageFormat syntax (an apostrophe is written twice in the bundle). */
    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), language.locale()).format(arguments);
    }
}
