package hu.tokenplatform.registry;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every span the service ends in its tests, kept in memory: a span processor of the tests' own, so that the OTLP
 * processor stays configured as in production (and off, without an endpoint).
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
}
