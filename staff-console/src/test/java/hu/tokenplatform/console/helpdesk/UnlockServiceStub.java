package hu.tokenplatform.console.helpdesk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * unlock-service's helpdesk API as the console's tests need it: customer 11111111 is locked out, 22222222 is
 * verified with two tokens (one in use, one revoked), and any Code is refused as another customer's token. Answers in the service's problem JSON. A plain
 * Vert.x route, so that the console's own CSRF filter (which takes only forms) does not stand in its way.
 */
@ApplicationScoped
public class UnlockServiceStub {

    void routes(@Observes Router router) {
        router.post("/stub/unlock-service/*").handler(BodyHandler.create());
        router.post("/stub/unlock-service/caller-verifications").handler(this::verify);
        router.post("/stub/unlock-service/caller-verifications/tokens").handler(this::tokens);
        router.get("/stub/unlock-service/audit").handler(this::audit);
        router.get("/stub/unlock-service/audit/verification").handler(context -> context.response()
                .putHeader("Content-Type", "application/json").end(new JsonObject().put("intact", true).encode()));
        router.post("/stub/unlock-service/unlock-codes").handler(context -> problem(context, 422, "csn-not-callers"));
    }

    private void verify(RoutingContext context) {
        String customerId = context.body().asJsonObject().getString("customerId");
        if ("11111111".equals(customerId)) {
            problem(context, 423, "e-pin-locked");
            return;
        }
        context.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("verificationId", "v".repeat(43)).put("customerId", customerId)
                        .put("expiresAt", "2026-01-01T10:10:00Z").encode());
    }

    /** The verification the stub gives has two tokens: one in use, one revoked; any other id has ended. */
    private void tokens(RoutingContext context) {
        if (!"v".repeat(43).equals(context.body().asJsonObject().getString("verificationId"))) {
            problem(context, 422, "verification-invalid");
            return;
        }
        context.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("customerId", "22222222").put("verificationExpiresAt", "2026-01-01T10:10:00Z")
                        .put("tokens", new JsonArray()
                                .add(new JsonObject().put("csn", "0A1B2C3D4E5F6071").put("state", "ACTIVE").put("since", "2025-12-01T09:00:00Z")
                                        .put("certificates", new JsonArray()
                                                .add(new JsonObject().put("usage", "LOGIN").put("notAfter", "2099-06-30T12:00:00Z").put("revoked", false))
                                                .add(new JsonObject().put("usage", "SIGNING").put("notAfter", "2025-12-31T12:00:00Z").put("revoked", false))))
                                .add(new JsonObject().put("csn", "0A1B2C3D00000001").put("state", "REVOKED").put("since", "2025-11-01T09:00:00Z")))
                        .encode());
    }

    /** One entry whose details are the filter the console sent, so that a test can see what the service was asked. */
    private void audit(RoutingContext context) {
        JsonObject asked = new JsonObject();
        context.queryParams().forEach(asked::put);
        context.response().putHeader("Content-Type", "application/json").end(new JsonArray().add(new JsonObject()
                .put("id", 1).put("occurredAt", "2026-12-07T08:30:00Z").put("actor", "helpdesk").put("action", "caller.verified")
                .put("subjectType", "customer").put("subjectId", "22222222").put("details", asked.encode())
                .put("entryHash", "0".repeat(64))).encode());
    }

    private static void problem(RoutingContext context, int status, String code) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "urn:token-platform:problem:" + code).put("status", status)
                        .put("code", code).encode());
    }
}
