package hu.tokenplatform.console.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the Ops screen reads, as the console's tests need it: token-registry ready with its tokens by state and a
 * consumer far behind; unlock-service not ready (Kafka DOWN) with a backlog; auth-service not reachable at all
 * (application.properties points it at a closed port); Prometheus answering the console's queries, with more
 * Codes in the last hour than the UnlockCodeSpike alert allows.
 */
@ApplicationScoped
public class OpsStubs {

    static final String REGISTRY_METRICS = """
            # HELP registry_tokens Tokens by lifecycle state
            # TYPE registry_tokens gauge
            registry_tokens{state="ACTIVE"} 3.0
            registry_tokens{state="LOCKED"} 1.0
            registry_tokens{state="REVOKED"} 0.0
            # TYPE registry_outbox_backlog gauge
            registry_outbox_backlog 0.0
            events_dead_letter_records{topic="token-registry.dlq"} 0.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-unlock-events",partition="0",topic="unlock.events"} 250.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-unlock-events",partition="1",topic="unlock.events"} NaN
            """;

    static final String UNLOCK_METRICS = """
            unlock_codes_issued_total 7.0
            unlock_e_pin_lockouts_total 2.0
            unlock_caller_verifications_total{outcome="e-pin-locked"} 4.0
            unlock_outbox_backlog 12.0
            events_dead_letter_records{topic="unlock-service.dlq"} 2.0
            """;

    void routes(@Observes Router router) {
        router.get("/stub/token-registry/q/metrics").handler(context -> text(context, REGISTRY_METRICS));
        router.get("/stub/token-registry/q/health/ready").handler(context -> health(context, "UP", "UP"));
        router.get("/stub/unlock-service/q/metrics").handler(context -> text(context, UNLOCK_METRICS));
        router.get("/stub/unlock-service/q/health/ready").handler(context -> health(context, "DOWN", "DOWN"));
        router.get("/stub/prometheus/api/v1/query").handler(this::query);
    }

    private void query(RoutingContext context) {
        String query = context.request().getParam("query");
        JsonArray result = new JsonArray();
        if (query.equals(OpsOverviewService.LOGINS_PER_MINUTE)) {
            result.add(series(new JsonObject().put("method", "TOKEN").put("outcome", "succeeded").put("reason", "none"), "12.5"));
            result.add(series(new JsonObject().put("method", "TOKEN").put("outcome", "failed").put("reason", "certificate-revoked"), "3"));
            result.add(series(new JsonObject().put("method", "PASSWORD").put("outcome", "failed").put("reason", "invalid-credentials"), "0.2"));
        } else if (query.equals(OpsOverviewService.AUTH_SCRAPED)) {
            result.add(series(new JsonObject(), "1"));
        } else if (query.equals(OpsOverviewService.CODES_LAST_HOUR)) {
            result.add(series(new JsonObject(), "31"));
        } else if (query.equals(OpsOverviewService.LOCKOUTS_LAST_HOUR)) {
            // increase() extrapolates to the window's edges: two lockouts may come back a little over 2.
            result.add(series(new JsonObject(), "2.1"));
        }
        // Anything else (the verifications against locked e-PINs): Prometheus answers an empty vector.
        context.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "success")
                .put("data", new JsonObject().put("resultType", "vector").put("result", result)).encode());
    }

    private static JsonObject series(JsonObject labels, String value) {
        return new JsonObject().put("metric", labels).put("value", new JsonArray().add(1765000000.123).add(value));
    }

    private static void text(RoutingContext context, String body) {
        context.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(body);
    }

    private static void health(RoutingContext context, String status, String kafka) {
        JsonObject body = new JsonObject().put("status", status).put("checks", new JsonArray()
                .add(new JsonObject().put("name", "Database connections health check").put("status", "UP"))
                .add(new JsonObject().put("name", "Kafka broker").put("status", kafka)));
        context.response().setStatusCode("UP".equals(status) ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
