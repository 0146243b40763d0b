package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.events.ProblemTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.login.LoginOutcome;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.login.TokenLoginRequest;
import hu.tokenplatform.tokenmanager.os.LinuxProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;

/**
 * The local API the bank's login page calls on 127.0.0.1 (docs/login-protocol.md). It answers only connections
 * from its own user's processes (checked when the connection is accepted, before a byte is read) and only the
 * login pages on the configured allowlist, with proper CORS and private-network preflights; refuses other
 * origins, foreign Host names (DNS rebinding) and bodies with fields it does not know, such as a PIN; and handles
 * one login at a time, since the PIN is asked in Token Manager itself. The connections themselves are
 * {@link LocalHttpServer}'s: bounded in time and size, so that slow or silent ones cannot starve the login page.
 */
public final class LocalApiServer implements AutoCloseable {

    static final String STATUS_PATH = "/v1/status";
    static final String LOGIN_PATH = "/v1/token-login";
    private static final Set<String> ALLOWED_REQUEST_HEADERS = Set.of("content-type");

    private final AgentConfig config;
    private final TokenPort tokenPort;
    private final TokenLogin login;
    private final Semaphore oneLoginAtATime = new Semaphore(1);
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final LocalHttpServer server;
    private final Set<String> allowedHosts;

    private LocalApiServer(AgentConfig config, TokenPort tokenPort, TokenLogin login, int port, LocalHttpServer.Limits limits) {
        this.config = config;
        this.tokenPort = tokenPort;
        this.login = login;
        this.server = LocalHttpServer.start(port, limits, LocalApiServer::thisUsersConnections, this::handle);
        this.allowedHosts = Set.of("127.0.0.1:" + server.port(), "localhost:" + server.port());
    }

    /** Listens on the loopback interface only; port 0 picks a free one (tests). */
    public static LocalApiServer start(AgentConfig config, TokenPort tokenPort, TokenLogin login, int port) {
        return start(config, tokenPort, login, port, LocalHttpServer.Limits.DEFAULT);
    }

    static LocalApiServer start(AgentConfig config, TokenPort tokenPort, TokenLogin login, int port, LocalHttpServer.Limits limits) {
        return new LocalApiServer(config, tokenPort, login, port, limits);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Loopback is shared by every user of the machine, and any process can send the headers a browser sends. Only
     * the user this agent runs for (their browser) may start a login that asks for their PIN. Where the socket
     * tables cannot be read (not Linux), every local connection is served.
     */
    private static IntPredicate thisUsersConnections(int serverPort) {
        if (!LinuxProcesses.socketOwnersKnown()) {
            return clientPort -> true;
        }
        int owner = LinuxProcesses.effectiveUid().orElse(-1);
        Map<Integer, Integer> owners = LinuxProcesses.loopbackClientUids(serverPort);
        return clientPort -> owner >= 0 && owners.getOrDefault(clientPort, -1) == owner;
    }

    private LocalHttpResponse handle(LocalHttpRequest request) {
        String host = request.single("Host");
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return LocalHttpResponse.problem(403, "host-not-allowed");
        }
        String origin = request.single("Origin");
        if (origin == null || config.bankFor(origin).isEmpty()) {
            return LocalHttpResponse.problem(403, "origin-not-allowed");
        }
        LocalHttpResponse response;
        if (request.method().equals("OPTIONS")) {
            response = preflight(request);
            if (response.status() != 204) {
                return response;
            }
        } else if (request.path().equals(STATUS_PATH)) {
            response = request.method().equals("GET") ? status() : methodNotAllowed("GET");
        } else if (request.path().equals(LOGIN_PATH)) {
            response = request.method().equals("POST") ? login(request, origin) : methodNotAllowed("POST");
        } else {
            response = LocalHttpResponse.problem(404, "not-found");
        }
        return response.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
    }

    private LocalHttpResponse preflight(LocalHttpRequest request) {
        String method = request.single("Access-Control-Request-Method");
        if (!("GET".equals(method) || "POST".equals(method)) || !requestedHeadersAllowed(request)) {
            return LocalHttpResponse.problem(403, "preflight-refused");
        }
        LocalHttpResponse response = new LocalHttpResponse(204)
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(request.single("Access-Control-Request-Private-Network"))) {
            response.header("Access-Control-Allow-Private-Network", "true");
        }
        return response;
    }

    private static boolean requestedHeadersAllowed(LocalHttpRequest request) {
        String requested = request.single("Access-Control-Request-Headers");
        if (requested == null || requested.isBlank()) {
            return true;
        }
        for (String header : requested.split(",")) {
            if (!ALLOWED_REQUEST_HEADERS.contains(header.strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private LocalHttpResponse status() {
        String token;
        if (!tokenPort.tokenPresent()) {
            token = "ABSENT";
        } else {
            try (TokenDevice device = tokenPort.open()) {
                token = device.status().state().name();
            } catch (TokenInUseException e) {
                token = "BUSY";
            }
        }
        return json(200, LocalHttpResponse.JSON, Map.of("agent", "token-manager", "token", token));
    }

    private LocalHttpResponse login(LocalHttpRequest http, String origin) {
        String contentType = http.single("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return LocalHttpResponse.problem(415, "unsupported-media-type");
        }
        if (http.bodyTooLarge()) {
            return LocalHttpResponse.problem(413, "request-too-large");
        }
        TokenLoginRequest request;
        try {
            request = json.readValue(http.body(), TokenLoginRequest.class);
        } catch (UnrecognizedPropertyException e) {
            return LocalHttpResponse.problem(400, "unknown-field");
        } catch (JsonProcessingException e) {
            return LocalHttpResponse.problem(400, "invalid-request");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request == null) {
            return LocalHttpResponse.problem(400, "invalid-request");
        }
        if (!oneLoginAtATime.tryAcquire()) {
            return LocalHttpResponse.problem(409, "busy");
        }
        LoginOutcome outcome;
        try {
            outcome = login.logIn(request, origin);
        } finally {
            oneLoginAtATime.release();
        }
        if (outcome.succeeded()) {
            return json(200, LocalHttpResponse.JSON, Map.of("status", LoginOutcome.AUTHENTICATED));
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.of(outcome.code()));
        problem.put("status", outcome.status());
        problem.put("code", outcome.code());
        if (outcome.triesLeft() != null) {
            problem.put("triesLeft", outcome.triesLeft());
        }
        if (outcome.bankCode() != null) {
            problem.put("bankCode", outcome.bankCode());
        }
        return json(outcome.status(), LocalHttpResponse.PROBLEM_JSON, problem);
    }

    private static LocalHttpResponse methodNotAllowed(String method) {
        return LocalHttpResponse.problem(405, "method-not-allowed").header("Allow", method + ", OPTIONS");
    }

    private LocalHttpResponse json(int status, String contentType, Object body) {
        try {
            return new LocalHttpResponse(status).body(contentType, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
