package hu.tokenplatform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode.
 *
 * @param schemaversion extension attribute: version of the payload schema of this {@code type}
 * @param actor         extension attribute: the staff user or service that caused the change; never a secret
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
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** The catalogue entry of this event, empty for a type this version does not know. */
    public java.util.Optional<EventType> knownType() {
        return EventType.byTypeName(type);
    }
}
