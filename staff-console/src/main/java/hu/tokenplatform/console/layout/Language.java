package hu.tokenplatform.console.layout;

import java.util.Locale;

/** The console's languages: Hungarian unless the staff member chose English (remembered in a cookie). */
public enum Language {
    HU, EN;

    /** The cookie that remembers the choice; it holds only {@code hu} or {@code en}. */
    public static final String COOKIE = "console-lang";

    /** The language a cookie or a link names; anything else is the default, Hungarian. */
    public static Language of(String tag) {
        return "en".equalsIgnoreCase(tag) ? EN : HU;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
