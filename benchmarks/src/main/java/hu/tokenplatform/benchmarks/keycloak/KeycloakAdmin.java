package hu.tokenplatform.benchmarks.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.tokenplatform.benchmarks.BenchUser;
import hu.tokenplatform.events.Identifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Sets up the benchmark realm through Keycloak's admin REST API, as the bootstrap admin: the realm and its client
 * from {@code keycloak/bench-x509-realm.json}, the X.509 direct-grant flow configured by
 * {@code keycloak/x509-direct-grant.json}, and the users.
 */
final class KeycloakAdmin {

    static final String REALM = "bench-x509";
    static final String CLIENT_ID = "bench-login";
    static final String FLOW = "x509 direct grant";
    static final String AUTHENTICATOR = "direct-grant-auth-x509-username";
    /** Users per partial import: one request and one transaction each, small enough for Keycloak's default body limit. */
    private static final int USERS_PER_IMPORT = 500;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bootstrap admin of one run; the password is random and never printed. */
    record Credentials(String username, String password) {

        static Credentials random() {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            return new Credentials("bench-admin", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(hidden)]";
        }
    }

    private final HttpClient client;
    private final URI base;
    private final Credentials credentials;
    private String accessToken;
    private Instant tokenExpiry = Instant.MIN;

    KeycloakAdmin(URI base, KeyStore serverTrust, Credentials credentials) {
        this.client = HttpClient.newBuilder().sslContext(KeycloakProcess.trusting(serverTrust))
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.credentials = credentials;
    }

    /**
     * Creates the realm with its direct grant bound to a flow of one step: Keycloak's "X509/Validate Username"
     * authenticator, which takes the user from the TLS client certificate (no password).
     *
     * @param crlChecking whether the authenticator checks revocation against the CRL named in the certificate
     */
    void createRealm(boolean crlChecking) {
        send("POST", "/admin/realms", resource("bench-x509-realm.json"));
        String flows = "/admin/realms/" + REALM + "/authentication/flows";
        String flowPath = flows + "/" + URLEncoder.encode(FLOW, StandardCharsets.UTF_8).replace("+", "%20");
        ObjectNode flow = JSON.createObjectNode().put("alias", FLOW).put("providerId", "basic-flow")
                .put("topLevel", true).put("builtIn", false)
                .put("description", "The user from the TLS client certificate's subject, nothing else");
        send("POST", flows, flow);
        send("POST", flowPath + "/executions/execution", JSON.createObjectNode().put("provider", AUTHENTICATOR));
        JsonNode execution = single(send("GET", flowPath + "/executions", null));
        ((ObjectNode) execution).put("requirement", "REQUIRED");
        send("PUT", flowPath + "/executions", execution);
        ObjectNode config = JSON.createObjectNode().put("alias", "bench-x509-certificate");
        config.set("config", authenticatorConfig(crlChecking));
        send("POST", "/admin/realms/" + REALM + "/authentication/executions/" + execution.get("id").asText() + "/config", config);
        send("PUT", "/admin/realms/" + REALM, JSON.createObjectNode().put("directGrantFlow", FLOW));
    }

    /**
     * Creates the users, {@value #USERS_PER_IMPORT} per partial import. Each user's name is its customer id, which the
     * authenticator reads from the certificate's UID; names and e-mail are filled because Keycloak's default user
     * profile requires them and would otherwise stop the login at a "verify profile" action.
     */
    void createUsers(List<BenchUser> users) {
        for (int from = 0; from < users.size(); from += USERS_PER_IMPORT) {
            ArrayNode batch = JSON.createArrayNode();
            for (BenchUser user : users.subList(from, Math.min(users.size(), from + USERS_PER_IMPORT))) {
                batch.addObject().put("username", user.customerId()).put("enabled", true)
                        .put("firstName", "Customer").put("lastName", user.customerId())
                        .put("email", user.customerId() + "@customers.bench.invalid").put("emailVerified", true);
            }
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "FAIL");
            body.set("users", batch);
            send("POST", "/admin/realms/" + REALM + "/partialImport", body);
        }
    }

    static ObjectNode authenticatorConfig(boolean crlChecking) {
        String template = new String(resource("x509-direct-grant.json"), StandardCharsets.UTF_8)
                .replace("${customerIdRegex}", Identifiers.CUSTOMER_ID_REGEX)
                .replace("${crlChecking}", Boolean.toString(crlChecking));
        try {
            return (ObjectNode) JSON.readTree(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new KeycloakStartException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new KeycloakStartException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakStartException("interrupted during " + method + " " + path, e);
        }
    }

    /** The admin's access token, renewed shortly before it expires (the master realm's tokens live a minute). */
    private String token() throws IOException, InterruptedException {
        if (Instant.now().isBefore(tokenExpiry)) {
            return accessToken;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(credentials.username())
                + "&password=" + encode(credentials.password());
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            // the error code only: the body of a refused password grant says nothing secret, but keep it short
            throw new KeycloakStartException("the admin token was refused: " + response.statusCode() + " " + answer.path("error").asText());
        }
        accessToken = answer.get("access_token").asText();
        tokenExpiry = Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong() - 10));
        return accessToken;
    }

    private static JsonNode single(JsonNode executions) {
        if (!executions.isArray() || executions.size() != 1) {
            throw new KeycloakStartException("the X.509 flow should hold one execution, holds " + executions);
        }
        return executions.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) {
        try (InputStream in = KeycloakAdmin.class.getResourceAsStream("/keycloak/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource keycloak/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
