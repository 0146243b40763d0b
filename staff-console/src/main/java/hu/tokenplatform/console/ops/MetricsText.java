package hu.tokenplatform.console.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prometheus' text exposition format (version 0.0.4, what the services' {@code /q/metrics} answer), parsed strictly:
 * comments and {@code # HELP}/{@code # TYPE} lines are skipped, label values are unescaped ({@code \\}, {@code \"},
 * {@code \n}; any other escape is refused), values follow Prometheus' float syntax ({@code NaN}, {@code +Inf},
 * {@code -Inf}, exponents) and an optional integer timestamp is accepted and dropped. A line that is none of these
 * makes the whole text unreadable: a half-read exposition would show a missing series as if it were absent.
 * Bounded: the caller limits the bytes read; here the number of samples, labels and a label value's length.
 */
public final class MetricsText {

    static final int MAX_SAMPLES = 50_000;
    static final int MAX_LABELS = 32;
    static final int MAX_LABEL_VALUE = 1_024;

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]{1,19}");

    private MetricsText() {
    }

    /** Every sample of the text, in its order. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (samples.size() == MAX_SAMPLES) {
                throw new MetricsFormatException("more than " + MAX_SAMPLES + " samples");
            }
            try {
                samples.add(new LineParser(trimmed).sample());
            } catch (MetricsFormatException e) {
                throw new MetricsFormatException("line " + lineNumber + ": " + e.getMessage());
            }
        }
        return samples;
    }

    /** Prometheus' float syntax; Java's own ({@code 1d}, {@code 0x1p3}, {@code Infinity}) is not it. */
    static double value(String token) {
        switch (token.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!FLOAT.matcher(token).matches()) {
                    throw new MetricsFormatException("not a value: " + shortened(token));
                }
                return Double.parseDouble(token);
        }
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** One sample line, read left to right. */
    private static final class LineParser {

        private final String line;
        private int at;

        LineParser(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = while_(c -> c != '{' && c != ' ' && c != '\t');
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new MetricsFormatException("not a metric name: " + shortened(name));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            blanks();
            if (peek() == '{') {
                at++;
                labels(labels);
            }
            blanks();
            String valueToken = while_(c -> c != ' ' && c != '\t');
            if (valueToken.isEmpty()) {
                throw new MetricsFormatException("no value");
            }
            double value = value(valueToken);
            blanks();
            if (at < line.length()) {
                String timestamp = while_(c -> c != ' ' && c != '\t');
                if (!TIMESTAMP.matcher(timestamp).matches()) {
                    throw new MetricsFormatException("not a timestamp: " + shortened(timestamp));
                }
                blanks();
                if (at < line.length()) {
                    throw new MetricsFormatException("unexpected text after the timestamp");
                }
            }
            return new Sample(name, labels, value);
        }

        /** {@code name="value", ...}, after the opening brace, up to and including the closing one; a trailing comma is allowed. */
        private void labels(Map<String, String> labels) {
            while (true) {
                blanks();
                if (peek() == '}') {
                    at++;
                    return;
                }
                String name = while_(c -> Character.isLetterOrDigit(c) || c == '_').strip();
                if (name.isEmpty() || Character.isDigit(name.charAt(0)) || !name.chars().allMatch(c -> c < 128)) {
                    throw new MetricsFormatException("not a label name at column " + (at + 1));
                }
                blanks();
                expect('=');
                blanks();
                expect('"');
                String value = quoted();
                if (labels.put(name, value) != null) {
                    throw new MetricsFormatException("label " + name + " twice");
                }
                if (labels.size() > MAX_LABELS) {
                    throw new MetricsFormatException("more than " + MAX_LABELS + " labels");
                }
                blanks();
                char next = peek();
                if (next == ',') {
                    at++;
                } else if (next != '}') {
                    throw new MetricsFormatException("expected , or } at column " + (at + 1));
                }
            }
        }

        /** A label value after its opening quote, unescaped, up to and including the closing quote. */
        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (at == line.length()) {
                        break;
                    }
                    char escaped = line.charAt(at++);
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new MetricsFormatException("invalid escape \\" + escaped + " in a label value");
                    }
                } else {
                    value.append(c);
                }
                if (value.length() > MAX_LABEL_VALUE) {
                    throw new MetricsFormatException("label value longer than " + MAX_LABEL_VALUE);
                }
            }
            throw new MetricsFormatException("label value not closed");
        }

        private char peek() {
            return at < line.length() ? line.charAt(at) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new MetricsFormatException("expected " + c + " at column " + (at + 1));
            }
            at++;
        }

        private void blanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private String while_(java.util.function.IntPredicate accepts) {
            int start = at;
            while (at < line.length() && accepts.test(line.charAt(at))) {
                at++;
            }
            return line.substring(start, at);
        }
    }
}
