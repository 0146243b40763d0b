package hu.tokenplatform.registry.events;

import hu.tokenplatform.events.EventType;
import hu.tokenplatform.events.TraceContext;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.registry.InMemorySpans;
import hu.tokenplatform.servicekit.outbox.OutboxEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The event a staff request causes is written in that request's trace, so that the consumers' work (auth-service's and
 * unlock-service's projections) joins it: one registration or hand-over is one trace across the services.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class TracedEventsTest {

    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    @Test
    void aCompanyRegisteredOverHttpWritesItsEventInTheRequestsTrace() {
        String companyId = Fixtures.company();

        OutboxEvent row = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find(
                "eventType = ?1 and messageKey = ?2", EventType.COMPANY_REGISTERED.typeName(), companyId).singleResult());
        TraceContext written = TraceContext.parse(row.traceparent, row.tracestate).orElseThrow();

        SpanData request = await().until(() -> InMemorySpans.all().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && "/companies".equals(s.getAttributes().get(URL_PATH))
                        && s.getTraceId().equals(written.traceId()))
                .findFirst().orElse(null), s -> s != null);
        assertEquals(request.getSpanId(), written.parentId(), "written by the POST /companies request's span");
    }

    /**
     * What a caller sends is not written into a span: a malformed body's parser message (which quotes the body) is
     * no span event, and a caller's baggage is not taken on.
     */
    @Test
    void aRefusedRequestsExceptionMessageIsNoSpanEventAndACallersBaggageIsNotTakenOn() {
        String marker = "secret-looking-" + java.util.UUID.randomUUID();
        given().contentType("application/json").header("baggage", "leak=" + marker)
                .body("{\"companyId\": \"" + marker + "\", broken").post("/companies").then().statusCode(400);

        SpanData request = await().until(() -> InMemorySpans.all().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && "/companies".equals(s.getAttributes().get(URL_PATH))
                        && Long.valueOf(400).equals(s.getAttributes().get(AttributeKey.longKey("http.response.status_code"))))
                .reduce((first, second) -> second).orElse(null), s -> s != null);
        assertEquals(0, request.getEvents().size(), "no exception event: " + request.getEvents());
        assertFalse(request.getAttributes().toString().contains(marker), request.getAttributes().toString());
    }
}
