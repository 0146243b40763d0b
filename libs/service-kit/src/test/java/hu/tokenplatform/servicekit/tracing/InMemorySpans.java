package hu.tokenplatform.servicekit.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every span the test application ends, kept in memory: a span processor of its own rather than a span exporter
 * bean, so that Quarkus' OTLP processor is still configured exactly as in the services (and stays off, no endpoint).
 */
@ApplicationScoped
public class InMemorySpans {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanProcessor inMemory() {
        return SimpleSpanProcessor.create(EXPORTER);
    }

    /** Every span ended so far. */
    public static List<SpanData> all() {
        return EXPORTER.getFinishedSpanItems();
    }

    /** The ended spans of one trace. */
    public static List<SpanData> ofTrace(String traceId) {
        return EXPORTER.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
