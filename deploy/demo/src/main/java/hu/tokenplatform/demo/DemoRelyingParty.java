package hu.tokenplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A minimal relying party standing in for Electra and e-posta on the local platform: it sends the browser to
 * auth-service with the authorization code flow and PKCE (S256), redeems the code with its client secret,
 * checks the ID token against the provider's JWKS (signature, issuer, audience, expiry, nonce) and shows who
 * logged in. It is what a bank's web app does; the end-to-end test logs in through it with a real browser.
 */
public final class DemoRelyingParty {

    private static final Set<String> CLIENTS = Set.of("electra", "e-posta");
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private record Pending(String client, String nonce, String codeVerifier, Instant createdAt) {
    }

    private final URI provider;
    private final URI self;
    private final Map<String, String> secrets;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private JsonNode discovery;
    private JWKSource<SecurityContext> keys;

    private DemoRelyingParty(URI provider, URI self, Map<String, String> secrets) {
        this.provider = provider;
        this.self = self;
        this.secrets = secrets;
    }

    static DemoRelyingParty fromEnvironment(Map<String, String> environment) {
        return new DemoRelyingParty(URI.create(environment.get("AUTH_URL")),
                URI.create("http://127.0.0.1:" + environment.get("DEMO_RP_PORT")),
                Map.of("electra", environment.get("ELECTRA_CLIENT_SECRET"), "e-posta", environment.get("EPOSTA_CLIENT_SECRET")));
    }

    void serve() throws IOException {
        discovery = StaffApi.send("discovery", HttpRequest.newBuilder(provider.resolve("/.well-known/openid-configuration")).GET().build());
        keys = JWKSourceBuilder.create(URI.create(discovery.path("jwks_uri").asText()).toURL()).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), self.getPort()), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange);
            } catch (RuntimeException e) {
                page(exchange, 500, "Error", "<p>" + html(e.getMessage()) + "</p>");
            }
        });
        server.start();
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            page(exchange, 200, "ok", "");
        } else if (path.equals("/")) {
            page(exchange, 200, "Electra and e-posta (demo)", """
                    <p>Stand-in for the bank's web applications. Log in with your USB token:</p>
                    <p><a id="login-electra" href="/login/electra">Log in to Electra / Belépés az Electrába</a></p>
                    <p><a id="login-e-posta" href="/login/e-posta">Log in to e-posta / Belépés az e-postába</a></p>""");
        } else if (path.startsWith("/login/") && CLIENTS.contains(path.substring(7))) {
            startLogin(exchange, path.substring(7));
        } else if (path.startsWith("/callback/") && CLIENTS.contains(path.substring(10))) {
            finishLogin(exchange, path.substring(10));
        } else {
            page(exchange, 404, "Not found", "");
        }
    }

    private void startLogin(HttpExchange exchange, String client) throws IOException {
        pending.values().removeIf(p -> p.createdAt().plus(PENDING_LIFETIME).isBefore(Instant.now()));
        String state = randomString();
        String verifier = randomString() + randomString();
        Pending login = new Pending(client, randomString(), verifier, Instant.now());
        pending.put(state, login);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client);
        query.put("redirect_uri", redirectUri(client));
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", login.nonce());
        query.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier)));
        query.put("code_challenge_method", "S256");
        exchange.getResponseHeaders().add("Set-Cookie", "demo_rp_state=" + state + "; Path=/; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().set("Location", discovery.path("authorization_endpoint").asText() + "?" + StaffApi.form(query));
        exchange.sendResponseHeaders(302, -1);
    }

    private void finishLogin(HttpExchange exchange, String client) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String state = query.get("state");
        Pending login = state == null ? null : pending.remove(state);
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (login == null || !login.client().equals(client) || cookie == null || !cookie.contains("demo_rp_state=" + state)) {
            page(exchange, 400, "Login failed", "<p id=\"error\">unknown or foreign login state</p>");
            return;
        }
        if (query.containsKey("error")) {
            page(exchange, 403, "Login refused", "<p id=\"error\">" + html(query.get("error")) + "</p>");
            return;
        }
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", query.getOrDefault("code", ""),
                "redirect_uri", redirectUri(client), "code_verifier", login.codeVerifier()));
        String basic = Base64.getEncoder().encodeToString((client + ":" + secrets.get(client)).getBytes(StandardCharsets.UTF_8));
        JsonNode tokens = StaffApi.send("token request", HttpRequest.newBuilder(URI.create(discovery.path("token_endpoint").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(StaffApi.form(form))).build());
        JWTClaimsSet idToken = verifiedIdToken(tokens.path("id_token").asText(), client, login.nonce());
        StringBuilder claims = new StringBuilder("<table id=\"claims\">");
        idToken.getClaims().forEach((name, value) -> claims.append("<tr><th>").append(html(name)).append("</th><td id=\"claim-")
                .append(html(name)).append("\">").append(html(String.valueOf(value))).append("</td></tr>"));
        claims.append("</table>");
        page(exchange, 200, "Logged in", "<p id=\"welcome\">Logged in to " + html(client) + " as <b id=\"subject\">"
                + html(idToken.getSubject()) + "</b></p>" + claims + "<p><a href=\"/\">Back</a></p>");
    }

    private JWTClaimsSet verifiedIdToken(String idToken, String client, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(client,
                new JWTClaimsSet.Builder().issuer(discovery.path("issuer").asText()).claim("nonce", nonce).build(),
                Set.of("sub", "exp", "iat")));
        try {
            return processor.process(idToken, null);
        } catch (Exception e) {
            throw new IllegalStateException("the ID token is not valid: " + e.getMessage(), e);
        }
    }

    private String redirectUri(String client) {
        return self.resolve("/callback/" + client).toString();
    }

    private String randomString() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body><h1>"
                + html(title) + "</h1>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
