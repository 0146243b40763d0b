package hu.tokenplatform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds, writes and reads events. Readers tolerate unknown fields so that producers can add fields
 * without breaking older consumers; removing or renaming a field needs a new schema version.
 */
public final class EventCodec {

    /** Version of every payload schema in this catalogue. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest event we accept from a topic; anything bigger is not ours. */
    public static final int MAX_EVENT_CHARS = 1_048_576;
    /** Bound on id, type and source, which consumers store for deduplication. */
    public static final int MAX_ATTRIBUTE_CHARS = 100;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private final String source;
    private final Clock clock;

    /**
     * @param source CloudEvents source of everything this service publishes, e.g. {@code /token-registry}
     */
    public EventCodec(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A new event with a fresh id, stamped now. */
    public CloudEvent create(EventData data, String actor) {
        return new CloudEvent(
                CloudEvent.SPEC_VERSION,
                UUID.randomUUID().toString(),
                source,
                data.type().typeName(),
                data.subject(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                "application/json",
                SCHEMA_VERSION,
                actor,
                MAPPER.valueToTree(data));
    }

    public static String write(CloudEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + event.type(), e);
        }
    }

    /** Reads an envelope; throws {@link MalformedEventException} for anything that is not a CloudEvent. */
    public static CloudEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        if (json.length() > MAX_EVENT_CHARS) {
            throw new MalformedEventException("event larger than " + MAX_EVENT_CHARS + " characters");
        }
        CloudEvent event;
        try {
            event = MAPPER.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getClass().getSimpleName());
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("unsupported specversion " + event.specversion());
        }
        if (event.id().length() > MAX_ATTRIBUTE_CHARS || event.type().length() > MAX_ATTRIBUTE_CHARS
                || event.source().length() > MAX_ATTRIBUTE_CHARS) {
            throw new MalformedEventException("id, type or source longer than " + MAX_ATTRIBUTE_CHARS + " characters");
        }
        // The trace context crossed a boundary too: a malformed one is dropped, never passed on or refused for.
        return event.withTraceContext(event.traceContext().orElse(null));
    }

    /** The event written in {@code json}, carrying {@code trace} instead of any trace context it had. */
    public static String withTraceContext(String json, TraceContext trace) {
        return write(read(json).withTraceContext(trace));
    }

    /** The typed payload of a known event. */
    public static <T extends EventData> T data(CloudEvent event, Class<T> dataClass) {
        try {
            return MAPPER.treeToValue(event.data(), dataClass);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("payload of " + event.type() + " does not match its schema");
        }
    }
}
