package hu.tokenplatform.events;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) an event carries in the CloudEvents distributed
 * tracing extension ({@code traceparent}, {@code tracestate}): the trace of the request whose transaction wrote the
 * event, so that the consumer's work joins that trace. It crosses a boundary, so it is only ever built through
 * {@link #parse}: a malformed {@code traceparent} drops the whole context, a malformed or oversized
 * {@code tracestate} drops only the state (as the W3C recommendation says). It names a trace, never a secret.
 *
 * @param traceparent {@code 00-<trace-id>-<parent-id>-<flags>}, lowercase hex
 * @param tracestate  vendor entries, or {@code null}
 */
public record TraceContext(String traceparent, String tracestate) {

    /** Only version {@code 00} exists; a later version is not ours (we produce 00 only), so it is dropped. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);
    /** {@code 00-} + 32 + {@code -} + 16 + {@code -} + 2. */
    public static final int TRACEPARENT_CHARS = 55;
    /** What the recommendation asks a propagator to keep at least; a longer state is dropped, not cut. */
    public static final int MAX_TRACESTATE_CHARS = 512;
    private static final int MAX_TRACESTATE_MEMBERS = 32;
    private static final Pattern TRACESTATE_MEMBER = Pattern.compile(
            "(?:[a-z][a-z0-9_*/-]{0,255}|[a-z0-9][a-z0-9_*/-]{0,240}@[a-z][a-z0-9_*/-]{0,13})"
                    + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

    public TraceContext {
        if (!isTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent");
        }
        if (tracestate != null && !isTracestate(tracestate)) {
            throw new IllegalArgumentException("not a W3C tracestate");
        }
    }

    /**
     * The context of these two attributes as received, or empty if {@code traceparent} is missing or malformed.
     * A malformed or oversized {@code tracestate} is dropped on its own.
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (!isTraceparent(traceparent)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceparent, isTracestate(tracestate) ? tracestate : null));
    }

    /** The 32 hex digits of the trace this context belongs to. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The 16 hex digits of the span that wrote the event. */
    public String parentId() {
        return traceparent.substring(36, 52);
    }

    private static boolean isTraceparent(String value) {
        if (value == null || value.length() != TRACEPARENT_CHARS) {
            return false;
        }
        var matcher = TRACEPARENT.matcher(value);
        return matcher.matches() && !ZERO_TRACE_ID.equals(matcher.group(1)) && !ZERO_PARENT_ID.equals(matcher.group(2));
    }

    private static boolean isTracestate(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TRACESTATE_CHARS) {
            return false;
        }
        // Printable ASCII only (tab allowed as padding): no CR, LF or other control or non-ASCII character is kept,
        // so no header or log line built from it later can be split.
        if (value.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c > 0x7E))) {
            return false;
        }
        Set<String> keys = new HashSet<>();
        for (String member : value.split(",", -1)) {
            String trimmed = member.replaceAll("^[ \t]+|[ \t]+$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!TRACESTATE_MEMBER.matcher(trimmed).matches() || !keys.add(trimmed.substring(0, trimmed.indexOf('=')))) {
                return false;
            }
        }
        return !keys.isEmpty() && keys.size() <= MAX_TRACESTATE_MEMBERS;
    }
}
