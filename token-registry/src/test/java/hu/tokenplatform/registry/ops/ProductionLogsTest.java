package hu.tokenplatform.registry.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In production every log line is one JSON object carrying the trace and span it was written in, so that the bank's
 * log store finds a request's lines from its trace and back; in dev and tests the lines stay readable.
 */
@QuarkusTest
class ProductionLogsTest {

    private static final String JSON_CONSOLE = "quarkus.log.console.json.enabled";

    @Inject
    Tracer tracer;

    @Test
    void onlyTheProductionProfileLogsJson() throws IOException {
        assertTrue(profile("prod").getValue(JSON_CONSOLE, Boolean.class));
        assertFalse(profile("dev").getValue(JSON_CONSOLE, Boolean.class));
        assertFalse(profile("test").getValue(JSON_CONSOLE, Boolean.class));
    }

    @Test
    void aLineLoggedInATraceCarriesItsTraceAndSpanIdsInTheJsonLine() throws Exception {
        Recorder recorder = new Recorder();
        java.util.logging.Logger category = java.util.logging.Logger.getLogger("hu.tokenplatform.registry");
        category.addHandler(recorder);
        Span span = tracer.spanBuilder("POST /hand-overs").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Logger.getLogger("hu.tokenplatform.registry.handover").info("Token handed over");
        } finally {
            span.end();
            category.removeHandler(recorder);
        }

        JsonNode line = new ObjectMapper().readTree(new JsonFormatter().format(recorder.records.get(0)));

        assertEquals("Token handed over", line.get("message").asText());
        assertEquals(span.getSpanContext().getTraceId(), line.get("mdc").get("traceId").asText());
        assertEquals(span.getSpanContext().getSpanId(), line.get("mdc").get("spanId").asText());
    }

    /** The service's own configuration as the given profile sees it. */
    private static SmallRyeConfig profile(String profile) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        ProductionLogsTest.class.getClassLoader().getResource("application.properties")))
                .build();
    }

    /** Keeps each record with the MDC it was logged with, as the console handler would format it. */
    private static final class Recorder extends Handler {
        final List<ExtLogRecord> records = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            ExtLogRecord ext = (ExtLogRecord) record;
            ext.copyAll();
            records.add(ext);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
