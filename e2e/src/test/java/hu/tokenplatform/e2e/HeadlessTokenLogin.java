package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.TokenTls;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A token login to Electra over the real protocol (docs/login-protocol.md) without a browser and without the PIN
 * prompt: the login page from auth-service's authorization endpoint (PKCE S256), the challenge signed with the
 * LOGIN key of a token session already opened with the PIN, and the assertion posted over mutual TLS with that
 * key to the agent endpoint — what the login page and Token Manager do, minus Token Manager's pending-login
 * lookup, which only decides whether to ask the PIN.
 */
final class HeadlessTokenLogin {

    static final String AUTHENTICATED = "authenticated";
    static final String CLIENT = "electra";
    private static final Pattern DATA = Pattern.compile("data-(transaction|challenge)=\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z0-9-]{1,64})\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** When the login started, when its assertion was sent and when auth-service answered it (System.nanoTime()). */
    record Attempt(long started, long sent, long answered, String outcome) {

        boolean accepted() {
            return AUTHENTICATED.equals(outcome);
        }
    }

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final SecureRandom random = new SecureRandom();
    private final URI authorize;
    private final String origin;
    private final String redirectUri;
    private final URI agentEndpoint;
    private final KeyStore bankTrust;
    private final TokenSession session;

    HeadlessTokenLogin(RunningPlatform platform, TokenSession session) {
        this(platform, session, "AUTH_HTTP_PORT", "AUTH_AGENT_PORT");
    }

    /**
     * Logins whose page comes from the auth-service instance on {@code pagePortVariable} and whose assertion goes to
     * the agent endpoint on {@code agentPortVariable}: with two instances, a login that moves between them.
     */
    HeadlessTokenLogin(RunningPlatform platform, TokenSession session, String pagePortVariable, String agentPortVariable) {
        this.authorize = platform.url(pagePortVariable).resolve("/oidc/authorize");
        // run-platform.sh makes auth-service's public origin the first instance's loopback HTTP address, for every instance.
        this.origin = platform.url("AUTH_HTTP_PORT").toString();
        this.redirectUri = platform.url("DEMO_RP_PORT") + "/callback/" + CLIENT;
        this.agentEndpoint = URI.create("https://127.0.0.1:" + platform.environment.get(agentPortVariable) + LoginAssertion.PATH);
        this.bankTrust = new AgentConfig(AgentConfig.DEFAULT_PORT, platform.var.resolve("tls/tls-ca.pem"), List.of()).trustStore();
        this.session = session;
    }

    /**
     * A login page as the browser got it: its transaction and challenge, the browser session cookie it set
     * ({@code name=value}) and the PKCE verifier of its authorization request.
     */
    record Page(String transaction, String challenge, String cookie, String verifier, String redirectUri) {
    }

    /** One login; the outcome is {@code authenticated}, auth-service's problem code, or what went wrong before it answered. */
    Attempt logIn() {
        long started = System.nanoTime();
        long sent = started;
        String outcome;
        try {
            Page page = openPage();
            if (page.transaction() == null) {
                return new Attempt(started, System.nanoTime(), System.nanoTime(), page.challenge());
            }
            sent = System.nanoTime();
            outcome = sendAssertion(page);
        } catch (IOException e) {
            outcome = "no-answer: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        return new Attempt(started, sent, System.nanoTime(), outcome);
    }

    /** The login page of a new authorization request; on a status other than 200, a page with no transaction whose challenge says {@code login-page-<status>}. */
    Page openPage() throws IOException, InterruptedException {
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
    String sendAssertion(Page page) throws IOException, InterruptedException {
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
