package hu.tokenplatform.console.ops;

import java.util.Locale;

/** How a figure stands against the platform's alert thresholds (deploy/prometheus/rules); {@code UNKNOWN}: no data. */
public enum Level {
    OK, WARNING, CRITICAL, UNKNOWN;

    /** The CSS class the page marks it with. */
    public String css() {
        return name().toLowerCase(Locale.ROOT);
    }
}
