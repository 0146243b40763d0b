package hu.tokenplatform.auth.support;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * The user's browser on the login page, driven over HTTP as a browser would: it follows the relying party's
 * authorization request, keeps the login cookie, and posts the page's forms.
 */
public final class Browser {

    private static final Pattern DATA = Pattern.compile("data-(transaction|challenge|client|agent)=\"([^\"]*)\"");

    private Browser() {
    }

    /** The login page as the page's script sees it, with the browser's cookie. */
    public record LoginPage(String cookieName, String cookie, String transactionId, String challenge, String client,
                            String html, CodeVerifier verifier, String state) {
    }

    /** The authorization request a relying party sends (code flow, PKCE S256). */
    public static Map<String, String> authorizationRequest(String client, String redirectUri, CodeVerifier verifier, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid profile");
        query.put("state", state);
        query.put("nonce", "n-" + state);
        query.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        query.put("code_challenge_method", "S256");
        return query;
    }

    public static Response authorize(Map<String, String> query) {
        return given().redirects().follow(false).queryParams(query).get("/oidc/authorize");
    }

    /** Electra's authorization request with {@code state} from a new browser at {@code address}, as the bank's proxy reports it. */
    public static Response authorizeFrom(String address, String state) {
        return given().redirects().follow(false).header("X-Forwarded-For", address)
                .queryParams(authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK, new CodeVerifier(), state))
                .get("/oidc/authorize");
    }

    public static LoginPage open(String client) {
        return open(client, callback(client));
    }

    public static LoginPage open(String client, String redirectUri) {
        return open(client, redirectUri, given());
    }

    /** Another login page in the browser that loaded {@code earlier}: it sends that page's cookie. */
    public static LoginPage openAgain(LoginPage earlier) {
        return open(earlier.client(), callback(earlier.client()), given().cookie(earlier.cookieName(), earlier.cookie()));
    }

    private static String callback(String client) {
        return client.equals("electra") ? TestBankResource.ELECTRA_CALLBACK : TestBankResource.EPOSTA_CALLBACK;
    }

    private static LoginPage open(String client, String redirectUri, RequestSpecification browser) {
        CodeVerifier verifier = new CodeVerifier();
        String state = "s" + System.nanoTime();
        Response response = browser.redirects().follow(false).queryParams(authorizationRequest(client, redirectUri, verifier, state))
                .get("/oidc/authorize");
        response.then().statusCode(200);
        String html = response.asString();
        Map<String, String> data = new LinkedHashMap<>();
        Matcher matcher = DATA.matcher(html);
        while (matcher.find()) {
            data.put(matcher.group(1), matcher.group(2));
        }
        String cookieName = response.getDetailedCookies().asList().get(0).getName();
        return new LoginPage(cookieName, response.getCookie(cookieName), data.get("transaction"), data.get("challenge"),
                data.get("client"), html, verifier, state);
    }

    /** The page's "complete" form, posted after Token Manager answered "authenticated". */
    public static Response complete(LoginPage page) {
        return given().redirects().follow(false).cookie(page.cookieName(), page.cookie())
                .contentType("application/x-www-form-urlencoded")
                .formParam("transaction", page.transactionId()).formParam("lang", "en")
                .post("/login/complete");
    }

    /** The login page's origin as the browser reports it: auth-service's public origin. */
    /** The page's password form. */
    public static Response password(LoginPage page, String customerId, String password) {
        return password(page, customerId, password, "127.0.0.1");
    }

    /** The page's password form from a browser at {@code address}, as the bank's proxy reports it. */
    public static Response password(LoginPage page, String customerId, String password, String address) {
        return given().redirects().follow(false).cookie(page.cookieName(), page.cookie()).header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded")
                .formParam("transaction", page.transactionId()).formParam("lang", "en")
                .formParam("customerId", customerId).formParam("password", password)
                .post("/login/password");
    }

    public static String origin() {
        return ConfigProvider.getConfig().getValue("auth.public-origin", String.class);
    }
}
