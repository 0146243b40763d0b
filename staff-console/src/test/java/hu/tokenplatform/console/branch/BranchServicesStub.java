package hu.tokenplatform.console.branch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * token-registry's branch API and unlock-service's e-PIN API as the console's tests need them, answering in the
 * services' problem JSON. Known: company DEMO-KFT; user 12345678 (signing right, a live token 0DE1110000000001),
 * user 87654321 (re-contracted before), user 99999999 (not yet known to unlock-service). Every request that
 * reaches the stub is kept in {@link #requests}, so that a test can show that a refused form made no call.
 */
@ApplicationScoped
public class BranchServicesStub {

    static final String REGISTRY = "/stub/token-registry";
    static final String UNLOCK = "/stub/unlock-service";
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBstub\n-----END CERTIFICATE-----\n";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile JsonObject lastHandOver;

    /** Method, path and body of every call so far, oldest first (a method: tests hold the bean's client proxy). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The last hand-over the registry was sent. */
    JsonObject lastHandOver() {
        return lastHandOver;
    }

    void routes(@Observes Router router) {
        router.route(REGISTRY + "/*").handler(BodyHandler.create());
        router.put(UNLOCK + "/customers/*").handler(BodyHandler.create());
        router.route(REGISTRY + "/*").handler(this::record);
        router.route(UNLOCK + "/customers/*").handler(this::record);

        router.get(REGISTRY + "/companies/:companyId").handler(this::company);
        router.post(REGISTRY + "/companies").handler(this::registerCompany);
        router.get(REGISTRY + "/users/:customerId").handler(this::user);
        router.post(REGISTRY + "/users").handler(this::registerUser);
        router.post(REGISTRY + "/users/:customerId/re-contracting").handler(this::reContract);
        router.get(REGISTRY + "/tokens").handler(this::tokens);
        router.post(REGISTRY + "/tokens/stock").handler(this::stock);
        router.get(REGISTRY + "/tokens/:csn/certificates").handler(this::certificates);
        router.post(REGISTRY + "/tokens/:csn/revocation").handler(this::revoke);
        router.post(REGISTRY + "/hand-overs").handler(this::handOver);
        router.get(UNLOCK + "/customers/:customerId/e-pin").handler(this::ePinStatus);
        router.put(UNLOCK + "/customers/:customerId/e-pin").handler(this::setEPin);
    }

    private void record(RoutingContext context) {
        requests.add(context.request().method() + " " + context.normalizedPath() + " " + context.body().asString());
        context.next();
    }

    private void company(RoutingContext context) {
        if (!"DEMO-KFT".equals(context.pathParam("companyId"))) {
            problem(context, 404, "company-not-found");
            return;
        }
        json(context, 200, new JsonObject().put("companyId", "DEMO-KFT").put("name", "Demo Kft.")
                .put("contracts", new JsonArray().add("ELECTRA").add("E_POSTA")));
    }

    private void registerCompany(RoutingContext context) {
        JsonObject company = context.body().asJsonObject();
        if ("DEMO-KFT".equals(company.getString("companyId"))) {
            problem(context, 409, "company-exists");
            return;
        }
        json(context, 201, company);
    }

    private void user(RoutingContext context) {
        String customerId = context.pathParam("customerId");
        switch (customerId) {
            case "12345678", "99999999" -> json(context, 200, user(customerId, true, null));
            case "87654321" -> json(context, 200, user(customerId, false, "2026-01-05T09:00:00Z"));
            default -> problem(context, 404, "user-not-found");
        }
    }

    private static JsonObject user(String customerId, boolean signingRight, String recontractedAt) {
        return new JsonObject().put("customerId", customerId).put("name", "Kovács Anna").put("companyId", "DEMO-KFT")
                .put("services", new JsonArray().add("ELECTRA").add("E_POSTA")).put("signingRight", signingRight)
                .put("passwordLoginEnabled", recontractedAt == null).put("recontractedAt", recontractedAt)
                .put("recontractedBy", recontractedAt == null ? null : "officer")
                .put("contractReference", recontractedAt == null ? null : "SZ-2026/0001");
    }

    private void registerUser(RoutingContext context) {
        JsonObject user = context.body().asJsonObject();
        if (!"DEMO-KFT".equals(user.getString("companyId"))) {
            problem(context, 404, "company-not-found");
            return;
        }
        json(context, 201, user.put("passwordLoginEnabled", true));
    }

    private void reContract(RoutingContext context) {
        String customerId = context.pathParam("customerId");
        if ("87654321".equals(customerId)) {
            problem(context, 409, "already-re-contracted");
            return;
        }
        json(context, 200, user(customerId, true, "2026-03-01T10:00:00Z"));
    }

    private void tokens(RoutingContext context) {
        JsonArray tokens = new JsonArray();
        if ("12345678".equals(context.request().getParam("customerId"))) {
            tokens.add(new JsonObject().put("csn", "0DE1110000000001").put("model", "Virtual token").put("state", "ACTIVE")
                    .put("ownerCustomerId", "12345678").put("handedOverAt", "2026-01-02T09:30:00Z"));
        }
        json(context, 200, tokens);
    }

    private void stock(RoutingContext context) {
        JsonObject delivery = context.body().asJsonObject();
        JsonArray csns = delivery.getJsonArray("csns");
        json(context, 200, new JsonObject().put("deliveryReference", delivery.getString("deliveryReference"))
                .put("received", csns.size()).put("added", csns).put("alreadyKnown", 0));
    }

    private void certificates(RoutingContext context) {
        JsonArray certificates = new JsonArray();
        if ("0DE1110000000001".equals(context.pathParam("csn"))) {
            certificates.add(certificate("LOGIN", "VALID"));
            certificates.add(certificate("SIGNING", "REVOKED"));
        }
        json(context, 200, certificates);
    }

    private static JsonObject certificate(String usage, String status) {
        return new JsonObject().put("serialNumber", "0A1B2C").put("usage", usage)
                .put("subjectDn", "CN=Kovács Anna,SERIALNUMBER=12345678").put("notBefore", "2026-01-02T09:30:00Z")
                .put("notAfter", "2029-01-02T09:30:00Z").put("status", status).put("sha256Fingerprint", "ab:cd")
                .put("pem", PEM);
    }

    /** 0DE1110000000001 is revoked and the broker confirms; 0DE1110000000002 is revoked before the broker confirms. */
    private void revoke(RoutingContext context) {
        String csn = context.pathParam("csn");
        if ("0DE111000000000F".equals(csn)) {
            problem(context, 409, "token-already-revoked");
            return;
        }
        json(context, 200, new JsonObject().put("csn", csn).put("state", "REVOKED").put("ownerCustomerId", "12345678")
                .put("revokedAt", "2026-03-01T10:00:00Z")
                .put("revocationReason", context.body().asJsonObject().getString("reason"))
                .put("servicesInformed", "0DE1110000000001".equals(csn)));
    }

    private void handOver(RoutingContext context) {
        JsonObject handOver = context.body().asJsonObject();
        lastHandOver = handOver;
        if (handOver.getString("replacesCsn") == null && "12345678".equals(handOver.getString("customerId"))) {
            problem(context, 409, "live-token-exists");
            return;
        }
        JsonArray certificates = new JsonArray().add(certificate("LOGIN", "VALID"));
        if (handOver.getString("signingCsr") != null) {
            certificates.add(certificate("SIGNING", "VALID"));
        }
        json(context, 201, new JsonObject().put("csn", handOver.getString("csn")).put("customerId", handOver.getString("customerId"))
                .put("state", "ISSUED").put("certificates", certificates).put("caChainPem", PEM));
    }

    private void ePinStatus(RoutingContext context) {
        String customerId = context.pathParam("customerId");
        if ("99999999".equals(customerId)) {
            problem(context, 404, "customer-not-found");
            return;
        }
        json(context, 200, new JsonObject().put("customerId", customerId).put("ePinSet", true).put("locked", false)
                .put("failedAttempts", 0).put("setAt", "2026-01-02T09:40:00Z").put("setBy", "officer"));
    }

    private void setEPin(RoutingContext context) {
        if ("111111".equals(context.body().asJsonObject().getString("ePin"))) {
            problem(context, 422, "weak-e-pin");
            return;
        }
        json(context, 200, new JsonObject().put("customerId", context.pathParam("customerId")).put("ePinSet", true)
                .put("locked", false).put("failedAttempts", 0).put("setAt", "2026-03-01T10:00:00Z").put("setBy", "officer"));
    }

    private static void json(RoutingContext context, int status, Object body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body instanceof JsonArray array ? array.encode() : ((JsonObject) body).encode());
    }

    private static void problem(RoutingContext context, int status, String code) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "urn:token-platform:problem:" + code).put("status", status)
                        .put("code", code).encode());
    }
}
