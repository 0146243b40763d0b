package hu.tokenplatform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudEvents 1.0 event in structured JSON mode.
 *
 * @param schemaversion extension attribute: version of the payload schema of this {@code type}
 * @param actor         extension attribute: the staff user or service that caused the change; never a secret
 * @param traceparent   distributed tracing extension: the W3C trace context of the transaction that wrote the event,
 *                      so that its consumers join the same trace ({@link TraceContext}); absent if none
 * @param tracestate    distributed tracing extension: the vendor state of that trace context, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        Integer schemaversion,
        String actor,
        JsonNode data,
        String traceparent,
        String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** An event without trace context. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                      String datacontenttype, Integer schemaversion, String actor, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, schemaversion, actor, data, null, null);
    }

    /** This event carrying {@code trace}, or no trace context if it is {@code null}. */
    public CloudEvent withTraceContext(TraceContext trace) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, schemaversion, actor, data,
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
    }

    /** The trace context this event carries, if it carries a well-formed one. */
    @JsonIgnore
    public Optional<TraceContext> traceContext() {
        return TraceContext.parse(traceparent, tracestate);
    }

    /** The catalogue entry of this event, empty for a type this version does not know. */
    public Optional<EventType> knownType() {
        return EventType.byTypeName(type);
    }
}
