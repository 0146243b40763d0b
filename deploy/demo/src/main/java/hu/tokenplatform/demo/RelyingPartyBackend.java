package hu.tokenplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Electra's backend as auth-service sees it: a confidential OIDC client that gets an access token with the
 * client credentials grant and asks auth-service to verify a transaction signature.
 */
public final class RelyingPartyBackend {

    private final URI provider;
    private final String clientId;
    private final String clientSecret;

    public RelyingPartyBackend(URI provider, String clientId, String clientSecret) {
        this.provider = provider;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** auth-service's verdict on a detached CMS signature over {@code document}; refusals are {@link ApiException}s. */
    public JsonNode verifySignature(byte[] document, byte[] signature) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        JsonNode token = StaffApi.send("client credentials grant", HttpRequest.newBuilder(provider.resolve("/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(StaffApi.form(Map.of("grant_type", "client_credentials",
                        "scope", "transaction-signatures")))).build());
        Base64.Encoder base64 = Base64.getEncoder();
        return new StaffApi(provider, token.path("access_token").asText()).post("/signatures/v1/verifications",
                Map.of("document", base64.encodeToString(document), "signature", base64.encodeToString(signature)));
    }
}
