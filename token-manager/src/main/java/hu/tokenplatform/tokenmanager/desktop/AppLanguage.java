package hu.tokenplatform.tokenmanager.desktop;

import java.util.Locale;
import java.util.Optional;

/** The languages the desktop app speaks: Hungarian unless the user asks for English. */
public enum AppLanguage {
    HUNGARIAN(Locale.forLanguageTag("hu")),
    ENGLISH(Locale.ENGLISH);

    private final Locale locale;

    AppLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code hu} or {@code en} (as {@code --lang} and the preferences file write them). */
    public String tag() {
        return locale.getLanguage();
    }

    /** {@code hu}, {@code hu-HU}, {@code en}, {@code en-GB} ...; empty for anything else. */
    public static Optional<AppLanguage> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        for (AppLanguage candidate : values()) {
            if (candidate.tag().equals(language)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
