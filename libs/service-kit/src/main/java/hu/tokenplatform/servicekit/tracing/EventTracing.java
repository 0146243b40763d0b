package hu.tokenplatform.servicekit.tracing;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trace across Kafka: the outbox keeps the W3C trace context of the transaction that wrote an event, the relay
 * publishes it in the CloudEvents {@code traceparent} / {@code tracestate} extension, and the consumer's span is its
 * child. The context is read only through {@link TraceContext}, which drops a malformed one: it crosses a boundary.
 * Spans carry the topic and the event's id and type, never its subject or data.
 */
@ApplicationScoped
public class EventTracing {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<TraceContext> FROM_EVENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> carrier.traceparent();
                case "tracestate" -> carrier.tracestate();
                default -> null;
            };
        }
    };

    @Inject
    Tracer tracer;

    /** The trace context of the current span, for an event written now; empty outside a trace. */
    public static Optional<TraceContext> current() {
        if (!Span.current().getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return TraceContext.parse(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /** A producer span for publishing one outbox event, child of the transaction that wrote it. */
    public Span startPublish(String topic, String eventId, String eventType, TraceContext writtenIn) {
        return tracer.spanBuilder("publish " + topic)
                .setParent(W3C.extract(Context.root(), writtenIn, FROM_EVENT))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("cloudevents.event_id", eventId)
                .setAttribute("cloudevents.event_type", eventType)
                .startSpan();
    }

    /**
     * A consumer span for processing {@code event} from {@code topic}: child of the trace the event carries, or of
     * the current context if it carries none (or carried a malformed one, which the codec dropped).
     */
    public Span startProcess(String topic, CloudEvent event) {
        Context parent = event.traceContext()
                .map(trace -> W3C.extract(Context.root(), trace, FROM_EVENT))
                .orElseGet(Context::current);
        return tracer.spanBuilder("process " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .setAttribute("cloudevents.event_source", event.source())
                .startSpan();
    }

    /** Marks {@code span} failed by the kind of failure only: an exception's message may hold what a trace must not. */
    public static void failed(Span span, RuntimeException failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
}
