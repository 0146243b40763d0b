package hu.tokenplatform.tokenmanager.localapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.login.LoginOutcome;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.login.TokenLoginRequest;
import hu.tokenplatform.tokenmanager.os.LinuxProcesses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The local API the bank's login page calls on 127.0.0.1 (docs/login-protocol.md). It answers only connections
 * from its own user's processes and only the login pages on the configured allowlist, with proper CORS and
 * private-network preflights; refuses other origins, foreign Host names (DNS rebinding) and bodies with fields
 * it does not know, such as a PIN; and handles one login at a time, since the PIN is asked in Token Manager
 * itself.
 */
public final class LocalApiServer implements AutoCloseable {

    static final String STATUS_PATH = "/v1/status";
    static final String LOGIN_PATH = "/v1/token-login";
    private static final int MAX_BODY_BYTES = 8 * 1024;
    private static final int MAX_REQUEST_SECONDS = 10;
    private static final Set<String> ALLOWED_REQUEST_HEADERS = Set.of("content-type");

    private final HttpServer server;
    private final ExecutorService executor;
    private final AgentConfig config;
    private final TokenPort tokenPort;
    private final TokenLogin login;
    private final Semaphore oneLoginAtATime = new Semaphore(1);
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Set<String> allowedHosts;
    private final int owner = LinuxProcesses.effectiveUid().orElse(-1);

    private LocalApiServer(HttpServer server, ExecutorService executor, AgentConfig config, TokenPort tokenPort, TokenLogin login) {
        this.server = server;
        this.executor = executor;
        this.config = config;
        this.tokenPort = tokenPort;
        this.login = login;
        int port = server.getAddress().getPort();
        this.allowedHosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    }

    /**
     * A request that never finishes must not hold one of the few workers for ever. The JDK's HTTP server reads
     * this limit once, when its first server starts, so the program sets it before anything else.
     */
    public static void limitRequestTime() {
        System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    }

    /** Listens on the loopback interface only; port 0 picks a free one (tests). */
    public static LocalApiServer start(AgentConfig config, TokenPort tokenPort, TokenLogin login, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "token-manager-local-api");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            LocalApiServer api = new LocalApiServer(server, executor, config, tokenPort, login);
            server.createContext("/", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("the local API cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Headers request = exchange.getRequestHeaders();
            Headers response = exchange.getResponseHeaders();
            response.set("Cache-Control", "no-store");
            response.set("X-Content-Type-Options", "nosniff");
            if (!fromThisUser(exchange)) {
                problem(exchange, 403, "caller-not-this-user");
                return;
            }
            String host = single(request, "Host");
            if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
                problem(exchange, 403, "host-not-allowed");
                return;
            }
            String origin = single(request, "Origin");
            if (origin == null || config.bankFor(origin).isEmpty()) {
                problem(exchange, 403, "origin-not-allowed");
                return;
            }
            response.set("Access-Control-Allow-Origin", origin);
            response.set("Vary", "Origin");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("OPTIONS")) {
                preflight(exchange, request, response);
            } else if (path.equals(STATUS_PATH)) {
                requireMethod(exchange, "GET", this::status);
            } else if (path.equals(LOGIN_PATH)) {
                requireMethod(exchange, "POST", e -> login(e, origin));
            } else {
                problem(exchange, 404, "not-found");
            }
        } catch (IOException e) {
            // The page went away before the answer: nothing to tell anybody.
        } catch (RuntimeException e) {
            internalError(exchange);
        }
    }

    private void internalError(HttpExchange exchange) {
        try {
            problem(exchange, 500, "internal-error");
        } catch (IOException | RuntimeException ignored) {
            // headers may already be sent; the page sees the connection close
        }
    }

    /**
     * Loopback is shared by every user of the machine, and any process can send the headers a browser sends. Only
     * the user this agent runs for (their browser) may start a login that asks for their PIN.
     */
    private boolean fromThisUser(HttpExchange exchange) {
        if (!LinuxProcesses.socketOwnersKnown()) {
            return true;
        }
        OptionalInt peer = LinuxProcesses.loopbackClientUid(exchange.getRemoteAddress().getPort(), port());
        return peer.isPresent() && peer.getAsInt() == owner;
    }

    private void preflight(HttpExchange exchange, Headers request, Headers response) throws IOException {
        String method = single(request, "Access-Control-Request-Method");
        if (!("GET".equals(method) || "POST".equals(method)) || !requestedHeadersAllowed(request)) {
            response.remove("Access-Control-Allow-Origin");
            problem(exchange, 403, "preflight-refused");
            return;
        }
        response.set("Access-Control-Allow-Methods", "GET, POST");
        response.set("Access-Control-Allow-Headers", "Content-Type");
        response.set("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(single(request, "Access-Control-Request-Private-Network"))) {
            response.set("Access-Control-Allow-Private-Network", "true");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private static boolean requestedHeadersAllowed(Headers request) {
        String requested = single(request, "Access-Control-Request-Headers");
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

    private void status(HttpExchange exchange) throws IOException {
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
        send(exchange, 200, "application/json", Map.of("agent", "token-manager", "token", token));
    }

    private void login(HttpExchange exchange, String origin) throws IOException {
        String contentType = single(exchange.getRequestHeaders(), "Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(exchange, 415, "unsupported-media-type");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            problem(exchange, 413, "request-too-large");
            return;
        }
        TokenLoginRequest request;
        try {
            request = json.readValue(body, TokenLoginRequest.class);
        } catch (UnrecognizedPropertyException e) {
            problem(exchange, 400, "unknown-field");
            return;
        } catch (JsonProcessingException e) {
            problem(exchange, 400, "invalid-request");
            return;
        }
        if (request == null) {
            problem(exchange, 400, "invalid-request");
            return;
        }
        if (!oneLoginAtATime.tryAcquire()) {
            problem(exchange, 409, "busy");
            return;
        }
        LoginOutcome outcome;
        try {
            outcome = login.logIn(request, origin);
        } finally {
            oneLoginAtATime.release();
        }
        if (outcome.succeeded()) {
            send(exchange, 200, "application/json", Map.of("status", LoginOutcome.AUTHENTICATED));
            return;
        }
        Map<String, Object> problem = problemBody(outcome.status(), outcome.code());
        if (outcome.triesLeft() != null) {
            problem.put("triesLeft", outcome.triesLeft());
        }
        if (outcome.bankCode() != null) {
            problem.put("bankCode", outcome.bankCode());
        }
        send(exchange, outcome.status(), "application/problem+json", problem);
    }

    private void requireMethod(HttpExchange exchange, String method, Handler handler) throws IOException {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method + ", OPTIONS");
            problem(exchange, 405, "method-not-allowed");
            return;
        }
        handler.handle(exchange);
    }

    private void problem(HttpExchange exchange, int status, String code) throws IOException {
        send(exchange, status, "application/problem+json", problemBody(status, code));
    }

    private static Map<String, Object> problemBody(int status, String code) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:token-platform:problem:" + code);
        problem.put("status", status);
        problem.put("code", code);
        return problem;
    }

    private void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A header sent exactly once; a repeated Origin or Host is treated as absent. */
    private static String single(Headers headers, String name) {
        List<String> values = headers.get(name);
        return values != null && values.size() == 1 ? values.get(0) : null;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
