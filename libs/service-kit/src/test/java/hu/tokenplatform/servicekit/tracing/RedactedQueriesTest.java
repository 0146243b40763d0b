package hu.tokenplatform.servicekit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No span keeps a query value: an authorization code or a state in a URL never reaches the collector. */
@QuarkusTest
class RedactedQueriesTest {

    @Inject
    Tracer tracer;

    @Test
    void aServerSpanKeepsTheQuerysParameterNamesButNotTheirValues() {
        given().queryParam("code", "s3cret-authorization-code").queryParam("state", "st4te")
                .get("/test/payments/closed");

        SpanData server = await().until(() -> InMemorySpans.all().stream()
                .filter(s -> "/test/payments/closed".equals(s.getAttributes().get(RedactedQueries.URL_PATH))
                        && s.getAttributes().get(RedactedQueries.URL_QUERY) != null)
                .findFirst().orElse(null), s -> s != null);
        assertEquals("code=REDACTED&state=REDACTED", server.getAttributes().get(RedactedQueries.URL_QUERY));
        assertFalse(InMemorySpans.all().stream().anyMatch(s -> s.getAttributes().toString().contains("s3cret")));
    }

    @Test
    void aClientSpanKeepsTheUrlButNotTheQueryValues() {
        Span client = tracer.spanBuilder("POST")
                .setAttribute(RedactedQueries.URL_FULL, "https://keycloak.bank/realms/staff/token?code=s3cret&flag#top")
                .startSpan();
        client.end();

        SpanData ended = InMemorySpans.ofTrace(client.getSpanContext().getTraceId()).get(0);
        assertEquals("https://keycloak.bank/realms/staff/token?code=REDACTED&flag#top",
                ended.getAttributes().get(RedactedQueries.URL_FULL));
    }
}
