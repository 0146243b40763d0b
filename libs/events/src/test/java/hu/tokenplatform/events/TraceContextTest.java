package hu.tokenplatform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.tokenplatform.events.data.TokenActivated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The W3C trace context an event carries is taken only when well-formed, and never beyond its bounds. */
class TraceContextTest {

    /** The example of the W3C recommendation. */
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aWellFormedContextIsTakenWithItsTraceAndParent() {
        TraceContext trace = TraceContext.parse(TRACEPARENT, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE").orElseThrow();

        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", trace.traceId());
        assertEquals("00f067aa0ba902b7", trace.parentId());
        assertEquals("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", trace.tracestate());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n"})
    void aMalformedTraceparentDropsTheWholeContext(String traceparent) {
        assertTrue(TraceContext.parse(traceparent, "rojo=00f067aa0ba902b7").isEmpty(), traceparent);
        assertThrows(IllegalArgumentException.class, () -> new TraceContext(traceparent, null));
    }

    @Test
    void aMissingOrHugeTraceparentDropsTheWholeContext() {
        assertTrue(TraceContext.parse(null, null).isEmpty());
        assertTrue(TraceContext.parse(TRACEPARENT + "0".repeat(1_000_000), null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Rojo=1",
            "rojo",
            "rojo=",
            "rojo=a,rojo=b",
            "rojo=a=b",
            "rojo=comma,=x",
            "rojo=\u00e9",
            "rojo=a\r\nX-Injected: 1",
            "rojo=a\r\n",
            "rojo=a,\nfake=1",
            "rojo=a\u2028",
            "\u000brojo=a\u001c",
            "tenant@system-name-too-long=1"})
    void aMalformedTracestateIsDroppedAloneAndTheTraceKept(String tracestate) {
        TraceContext trace = TraceContext.parse(TRACEPARENT, tracestate).orElseThrow();

        assertEquals(TRACEPARENT, trace.traceparent());
        assertNull(trace.tracestate(), tracestate);
    }

    @Test
    void aTracestateIsKeptUpTo512CharactersAnd32MembersAndDroppedBeyond() {
        String fits = "k=" + "v".repeat(TraceContext.MAX_TRACESTATE_CHARS - 2);
        String members32 = String.join(",", java.util.stream.IntStream.range(0, 32).mapToObj(i -> "k" + i + "=v").toList());

        assertEquals(fits.substring(0, 257), TraceContext.parse(TRACEPARENT, fits.substring(0, 257)).orElseThrow().tracestate());
        assertNull(TraceContext.parse(TRACEPARENT, fits).orElseThrow().tracestate(), "a value is at most 256 characters");
        assertEquals(members32, TraceContext.parse(TRACEPARENT, members32).orElseThrow().tracestate());
        assertNull(TraceContext.parse(TRACEPARENT, members32 + ",k32=v").orElseThrow().tracestate());
        String tooLong = String.join(",", java.util.stream.IntStream.range(0, 3).mapToObj(i -> "k" + i + "=" + "v".repeat(200)).toList());
        assertNull(TraceContext.parse(TRACEPARENT, tooLong).orElseThrow().tracestate(), "more than 512 characters");
        assertEquals("a@b=1, c=2", TraceContext.parse(TRACEPARENT, "a@b=1, c=2").orElseThrow().tracestate());
    }

    @Test
    void anEventCarriesItsTraceContextThroughAWriteAndARead() {
        CloudEvent event = new EventCodec("/token-registry", Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC))
                .create(new TokenActivated("0A1B2C3D", "12345678"), "officer.kiss");

        CloudEvent read = EventCodec.read(EventCodec.withTraceContext(EventCodec.write(event),
                new TraceContext(TRACEPARENT, "rojo=00f067aa0ba902b7")));

        assertEquals(TRACEPARENT, read.traceparent());
        assertEquals("rojo=00f067aa0ba902b7", read.tracestate());
        assertEquals(event.id(), read.id());
        assertFalse(EventCodec.write(event).contains("traceparent"), "no trace context, no attribute");
    }

    @Test
    void aReadEventDropsAMalformedTraceContextInsteadOfRefusingTheEvent() throws Exception {
        CloudEvent event = new EventCodec("/token-registry", Clock.systemUTC())
                .create(new TokenActivated("0A1B2C3D", "12345678"), "officer.kiss");
        ObjectMapper json = new ObjectMapper();
        ObjectNode hostile = (ObjectNode) json.readTree(EventCodec.write(event));
        hostile.put("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01");
        hostile.put("tracestate", "rojo=1");

        CloudEvent read = EventCodec.read(json.writeValueAsString(hostile));

        assertEquals(event.id(), read.id());
        assertNull(read.traceparent());
        assertNull(read.tracestate());
        assertTrue(read.traceContext().isEmpty());
    }
}
