package hu.tokenplatform.auth.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.auth.agent.AgentListener;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.login.LoginOutcome;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.login.TokenLoginRequest;
import io.quarkus.arc.Arc;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Token Manager's side of the login: the real agent ({@link TokenLogin}: PIN prompt, signature on the token,
 * mutual TLS with the token's key), and raw requests to the agent endpoint for the attack cases.
 */
public final class Agent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Agent() {
    }

    public static int port() {
        return Arc.container().instance(AgentListener.class).get().port();
    }

    public static URI endpoint() {
        return URI.create("https://127.0.0.1:" + port() + LoginAssertion.PATH);
    }

    /** What Token Manager does when the login page asks it to log in (the user types the right PIN). */
    public static LoginOutcome logIn(TestToken token, Browser.LoginPage page) {
        return logIn(token, page, page.client(), new ArrayList<>());
    }

    /**
     * What Token Manager does when a page that names {@code client} asks it to log in: Token Manager asks this
     * auth-service which login the page's transaction is, then the user, who types the right PIN when asked.
     *
     * @param asked gets the service name each PIN question showed the user
     */
    public static LoginOutcome logIn(TestToken token, Browser.LoginPage page, String client, List<PendingLogin.ClientName> asked) {
        AgentConfig config = new AgentConfig(AgentConfig.DEFAULT_PORT, TestBank.tlsTrustStore(),
                List.of(new BankServer(Browser.origin(), URI.create("https://127.0.0.1:" + port()))));
        TokenLogin login = new TokenLogin(config, token.port(), (service, origin, triesLeft) -> {
            asked.add(service);
            return Optional.of(TestToken.PIN.toCharArray());
        }, Duration.ofSeconds(20));
        return login.logIn(new TokenLoginRequest(page.transactionId(), client, page.challenge()), Browser.origin());
    }

    /** The login signature over the page's challenge, made with the token's key in {@code slot}. */
    public static String sign(TokenSession session, KeySlot slot, Browser.LoginPage page, String client, String origin) {
        byte[] toBeSigned = LoginChallenge.toBeSigned(page.transactionId(), client, origin,
                Base64.getUrlDecoder().decode(page.challenge()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(session.sign(slot, toBeSigned));
    }

    /** Trust for the bank's TLS server only, as Token Manager has it. */
    public static KeyStore bankTrust() {
        return new AgentConfig(AgentConfig.DEFAULT_PORT, TestBank.tlsTrustStore(), List.of()).trustStore();
    }

    /** Posts a body to the agent endpoint over a TLS context of the caller's choosing, in a fresh TLS session. */
    public static HttpResponse<String> post(SSLContext tls, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(SSLContext tls, LoginAssertion assertion) throws IOException, InterruptedException {
        return post(tls, JSON.writeValueAsString(assertion));
    }

    public static String code(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("code").asText();
    }
}
