package hu.tokenplatform.platformdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.TokenTls;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A token login to Electra over the real protocol (docs/login-protocol.md) without a browser and without the PIN
 * prompt: the login page from auth-service's authorization endpoint (PKCE S256), the challenge signed with the
 * LOGIN key of a token session already opened with the PIN, and the assertion posted over mutual TLS with that
 * key to the agent endpoint — what the login page and Token Manager do, minus Token Manager's pending-login
 * lookup, which only decides whether to ask the PIN. {@link #logInFully()} goes on as the page and Electra's back
 * end do: the page finishes the login ({@code /login/complete}) and the authorization code is redeemed at
 * {@code /oidc/token} with the client secret and the PKCE verifier.
 */
public final class HeadlessTokenLogin {

    public static final String AUTHENTICATED = "authenticated";
    public static final String CLIENT = "electra";
    /** The outcome of a full login that ended with the ID and access tokens in hand. */
    public static final String TOKENS = "tokens";
    private static final Pattern DATA = Pattern.compile("data-(transaction|challenge)=\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z0-9-]{1,64})\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Finishing the login and redeeming the code, given as long as Electra's back end would (ScaleOutIT's bound). */
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** When the login started, when its assertion was sent and when auth-service answered it (System.nanoTime()). */
    public record Attempt(long started, long sent, long answered, String outcome) {

        public boolean accepted() {
            return AUTHENTICATED.equals(outcome);
        }
    }

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final SecureRandom random = new SecureRandom();
    private final URI authService;
    private final URI authorize;
    private final String origin;
    private final String redirectUri;
    private final URI agentEndpoint;
    private final KeyStore bankTrust;
    private final TokenSession session;
    private final String clientSecret;

    public HeadlessTokenLogin(RunningPlatform platform, TokenSession session) {
        this(platform, session, "AUTH_HTTP_PORT", "AUTH_AGENT_PORT");
    }

    /**
     * Logins whose page comes from the auth-service instance on {@code pagePortVariable} and whose assertion goes to
     * the agent endpoint on {@code agentPortVariable}: with two instances, a login that moves between them.
     */
    public HeadlessTokenLogin(RunningPlatform platform, TokenSession session, String pagePortVariable, String agentPortVariable) {
        // run-platform.sh makes auth-service's public origin the first instance's loopback HTTP address, for every instance.
        this(new Endpoints(platform.url(pagePortVariable), platform.url("AUTH_HTTP_PORT").toString(),
                        platform.url("DEMO_RP_PORT") + "/callback/" + CLIENT,
                        URI.create("https://127.0.0.1:" + platform.environment.get(agentPortVariable) + LoginAssertion.PATH),
                        platform.var.resolve("tls/tls-ca.pem"), platform.secrets().get("ELECTRA_CLIENT_SECRET")),
                session);
    }

    /**
     * Where a login goes, for a platform started by someone else as well as for a {@link RunningPlatform}.
     *
     * @param authService  the auth-service instance that serves the login page, finishes it and redeems the code
     * @param origin       auth-service's public origin, signed into the assertion
     * @param redirectUri  Electra's registered redirect URI
     * @param agentEndpoint the agent endpoint the assertion is posted to over mutual TLS
     * @param bankTlsCa    the bank's TLS CA (PEM) the agent endpoint's certificate is checked against
     * @param clientSecret Electra's client secret, for redeeming the code
     */
    public record Endpoints(URI authService, String origin, String redirectUri, URI agentEndpoint, Path bankTlsCa,
                            String clientSecret) {

        @Override
        public String toString() {
            return "Endpoints[" + authService + ", agent " + agentEndpoint + "]";
        }
    }

    /** Logins of {@code session}'s token to {@code endpoints}. */
    public HeadlessTokenLogin(Endpoints endpoints, TokenSession session) {
        this.authService = endpoints.authService();
        this.authorize = authService.resolve("/oidc/authorize");
        this.origin = endpoints.origin();
        this.redirectUri = endpoints.redirectUri();
        this.agentEndpoint = endpoints.agentEndpoint();
        this.bankTrust = new AgentConfig(AgentConfig.DEFAULT_PORT, endpoints.bankTlsCa(), List.of()).trustStore();
        this.clientSecret = endpoints.clientSecret();
        this.session = session;
    }

    /**
     * A login page as the browser got it: its transaction and challenge, the browser session cookie it set
     * ({@code name=value}) and the PKCE verifier of its authorization request.
     */
    public record Page(String transaction, String challenge, String cookie, String verifier, String redirectUri) {
    }

    /** One login; the outcome is {@code authenticated}, auth-service's problem code, or what went wrong before it answered. */
    public Attempt logIn() {
        return attempt(this::sendAssertion);
    }

    /** What a login does once it has its page: the outcome. */
    @FunctionalInterface
    private interface AfterPage {
        String outcome(Page page) throws IOException, InterruptedException;
    }

    /** A new login page, then {@code afterPage}; timed, and whatever fails before an answer is the outcome. */
    private Attempt attempt(AfterPage afterPage) {
        long started = System.nanoTime();
        long sent = started;
        String outcome;
        try {
            Page page = openPage();
            if (page.transaction() == null) {
                return new Attempt(started, System.nanoTime(), System.nanoTime(), page.challenge());
            }
            sent = System.nanoTime();
            outcome = afterPage.outcome(page);
        } catch (IOException e) {
            outcome = "no-answer: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        return new Attempt(started, sent, System.nanoTime(), outcome);
    }

    /** The login page of a new authorization request; on a status other than 200, a page with no transaction whose challenge says {@code login-page-<status>}. */
    public Page openPage() throws IOException, InterruptedException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String verifier = BASE64URL.encodeToString(secret);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(authorizationRequest(verifier)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            return new Page(null, "login-page-" + page.statusCode(), null, verifier, redirectUri);
        }
        Map<String, String> data = new LinkedHashMap<>();
        Matcher matcher = DATA.matcher(page.body());
        while (matcher.find()) {
            data.put(matcher.group(1), matcher.group(2));
        }
        String cookie = page.headers().firstValue("Set-Cookie").map(header -> header.split(";", 2)[0]).orElse(null);
        return new Page(data.get("transaction"), data.get("challenge"), cookie, verifier, redirectUri);
    }

    /** Token Manager's part: the page's challenge signed on the token and posted over mutual TLS; {@code authenticated} or the problem code. */
    public String sendAssertion(Page page) throws IOException, InterruptedException {
        byte[] toBeSigned = LoginChallenge.toBeSigned(page.transaction(), CLIENT, origin, Base64.getUrlDecoder().decode(page.challenge()));
        String signature = BASE64URL.encodeToString(session.sign(KeySlot.LOGIN, toBeSigned));
        byte[] assertion = JSON.writeValueAsBytes(new LoginAssertion(page.transaction(), CLIENT, origin, signature));
        // A new client and TLS context per login, as Token Manager's relay does: no session resumed from an earlier login.
        HttpClient agent = HttpClient.newBuilder().sslContext(TokenTls.clientContext(session, bankTrust))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        HttpResponse<String> answer = agent.send(HttpRequest.newBuilder(agentEndpoint).timeout(TIMEOUT)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(assertion)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? AUTHENTICATED : problemCode(answer);
    }

    /**
     * One full login: the login page, the assertion over a fresh mutual-TLS handshake, the page's finish and the code
     * redeemed for tokens. The outcome is {@link #TOKENS}, or where it stopped: {@code login-page-<status>}, the
     * assertion's problem code, {@code complete-refused}, the token endpoint's {@code error}, or what failed before an answer.
     */
    public Attempt logInFully() {
        return attempt(page -> {
            String outcome = sendAssertion(page);
            if (!AUTHENTICATED.equals(outcome)) {
                return outcome;
            }
            Optional<String> code = complete(authService, page);
            if (code.isEmpty()) {
                return "complete-refused";
            }
            JsonNode tokens = redeem(authService, page, code.get());
            return tokens.path("id_token").isTextual() && tokens.path("access_token").isTextual()
                    ? TOKENS : "token-" + tokens.path("error").asText("no-tokens");
        });
    }

    /**
     * The login page finishes the login at the auth-service instance {@code at} (its base URI), as the browser does
     * after the agent's answer: the authorization code of the redirect to Electra, or empty if the instance refused.
     */
    public Optional<String> complete(URI at, Page page) throws IOException, InterruptedException {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(at.resolve("/login/complete")).timeout(FINISH_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", page.cookie())
                .POST(HttpRequest.BodyPublishers.ofString("transaction=" + URLEncoder.encode(page.transaction(), StandardCharsets.UTF_8) + "&lang=en"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 303) {
            return Optional.empty();
        }
        URI location = URI.create(answer.headers().firstValue("Location").orElse(""));
        if (!location.toString().startsWith(page.redirectUri() + "?") || location.getRawQuery() == null) {
            return Optional.empty();
        }
        return Arrays.stream(location.getRawQuery().split("&")).filter(p -> p.startsWith("code="))
                .map(p -> URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8)).findFirst();
    }

    /**
     * Electra's back end redeems {@code code} at the auth-service instance {@code at} with its client secret and the
     * page's PKCE verifier: the token endpoint's JSON answer, the tokens or an OAuth {@code error}.
     */
    public JsonNode redeem(URI at, Page page, String code) throws IOException, InterruptedException {
        String credentials = CLIENT + ":" + clientSecret;
        String body = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(page.redirectUri(), StandardCharsets.UTF_8)
                + "&code_verifier=" + URLEncoder.encode(page.verifier(), StandardCharsets.UTF_8);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(at.resolve("/oidc/token")).timeout(FINISH_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private URI authorizationRequest(String verifier) {
        String state = BASE64URL.encodeToString(Long.toString(random.nextLong()).getBytes(StandardCharsets.US_ASCII));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid profile");
        query.put("state", state);
        query.put("nonce", "n-" + state);
        query.put("code_challenge", BASE64URL.encodeToString(sha256(verifier)));
        query.put("code_challenge_method", "S256");
        return URI.create(authorize + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static String problemCode(HttpResponse<String> answer) {
        Matcher code = CODE.matcher(answer.body());
        return code.find() ? code.group(1) : "http-" + answer.statusCode();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
