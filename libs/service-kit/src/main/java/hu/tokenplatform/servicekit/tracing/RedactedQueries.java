package hu.tokenplatform.servicekit.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

/**
 * Keeps query values out of every span: the HTTP instrumentation records a server request's query
 * ({@code url.query}) and a client request's whole URL ({@code url.full}), and a query may hold what a trace must
 * not (an OpenID Connect authorization code, a state). The parameter names stay, so a trace still shows what was
 * asked. Runs when a span starts, before any exporter can see it.
 */
@Singleton
public class RedactedQueries implements SpanProcessor {

    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final String REDACTED = "REDACTED";

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String query = span.getAttribute(URL_QUERY);
        if (query != null) {
            span.setAttribute(URL_QUERY, redact(query));
        }
        String full = span.getAttribute(URL_FULL);
        if (full != null && full.indexOf('?') >= 0) {
            int start = full.indexOf('?');
            int fragment = full.indexOf('#', start);
            String rest = fragment < 0 ? "" : full.substring(fragment);
            span.setAttribute(URL_FULL, full.substring(0, start + 1)
                    + redact(full.substring(start + 1, fragment < 0 ? full.length() : fragment)) + rest);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code code=abc&state=xyz&flag} becomes {@code code=REDACTED&state=REDACTED&flag}. */
    static String redact(String query) {
        StringBuilder redacted = new StringBuilder(query.length());
        for (String parameter : query.split("&", -1)) {
            if (!redacted.isEmpty()) {
                redacted.append('&');
            }
            int equals = parameter.indexOf('=');
            redacted.append(equals < 0 ? parameter : parameter.substring(0, equals + 1) + REDACTED);
        }
        return redacted.toString();
    }
}
