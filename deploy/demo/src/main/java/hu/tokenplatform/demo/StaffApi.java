package hu.tokenplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A platform service's REST API as one staff member calls it: JSON bodies, the member's Keycloak bearer token,
 * problem JSON turned into {@link ApiException} with the stable code.
 */
public final class StaffApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String bearer;

    public StaffApi(URI base, String bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    /**
     * Signs a staff member in to Keycloak and returns their access token. The password grant of the
     * {@code staff-console} client exists for the local platform and its end-to-end test only.
     */
    public static String signIn(URI keycloak, String realm, String username, String password) {
        return signIn(keycloak, realm, "staff-console", username, password);
    }

    /** As {@link #signIn(URI, String, String, String)}, through the client {@code clientId} of the realm. */
    public static String signIn(URI keycloak, String realm, String clientId, String username, String password) {
        String form = form(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password, "scope", "openid"));
        HttpRequest request = HttpRequest.newBuilder(keycloak.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return send("Keycloak sign-in of " + username, request).path("access_token").asText();
    }

    public JsonNode get(String path) {
        return send("GET " + path, builder(path).GET().build());
    }

    public JsonNode post(String path, Object body) {
        return send("POST " + path, builder(path).POST(json(body)).build());
    }

    public JsonNode put(String path, Object body) {
        return send("PUT " + path, builder(path).PUT(json(body)).build());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode send(String what, HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new ApiException(what, response.statusCode(), body.path("code").asText(body.path("error").asText()), response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
