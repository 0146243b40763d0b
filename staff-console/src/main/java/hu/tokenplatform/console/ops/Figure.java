package hu.tokenplatform.console.ops;

import java.util.Optional;

/**
 * One number of the Ops screen: what it is ({@code label}, a state, a service), its value if the source gave one
 * (absent: the source was unreachable or did not export it, shown as such, never as zero), how it stands against
 * the alert thresholds, and a short note (a consumer's client id, why it is missing).
 */
public record Figure(String label, Optional<Double> value, Level level, String note) {

    public static Figure of(String label, double value, Level level) {
        return new Figure(label, Optional.of(value), level, "");
    }

    public static Figure missing(String label, String note) {
        return new Figure(label, Optional.empty(), Level.UNKNOWN, note);
    }

    public Figure withNote(String text) {
        return new Figure(label, value, level, text);
    }

    /** The text key of the note, for the notes that are the console's own codes (why a value is missing). */
    public String noteKey() {
        return "ops.note." + note;
    }

    public boolean known() {
        return value.isPresent();
    }

    /** The value as the page shows it: whole numbers without decimals, others with one; {@code —} when unknown. */
    public String shown() {
        return value.map(Figure::format).orElse("—");
    }

    static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
