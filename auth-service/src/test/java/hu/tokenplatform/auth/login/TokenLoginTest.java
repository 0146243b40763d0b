package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.tokenmanager.login.LoginOutcome;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.EnumSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token login end to end with the real Token Manager agent: login page, PIN, signature on the token, mutual TLS. */
@QuarkusTest
class TokenLoginTest {

    TopicProbe logins;

    @BeforeEach
    void subscribe() {
        logins = TopicProbe.subscribe(Registry.observer(), Topics.AUTH_LOGINS);
    }

    @AfterEach
    void close() {
        logins.close();
    }

    @Test
    void sameTokenLogsInToElectraAndToEPosta() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);

        for (String client : new String[]{"electra", "e-posta"}) {
            Browser.LoginPage page = Browser.open(client);
            LoginOutcome outcome = Agent.logIn(token, page);
            assertTrue(outcome.succeeded(), client + ": " + outcome);

            Response redirect = Browser.complete(page);
            redirect.then().statusCode(303);
            URI location = URI.create(redirect.getHeader("Location"));
            String expected = client.equals("electra") ? "https://electra.test/oidc/callback" : "https://e-posta.test/oidc/callback";
            assertEquals(expected, location.getScheme() + "://" + location.getHost() + location.getPath());
            assertTrue(location.getQuery().contains("code="), location.toString());
            assertTrue(location.getQuery().contains("state=" + page.state()), location.toString());
            assertTrue(location.getQuery().contains("iss="), location.toString());
        }

        var events = logins.awaitCount(r -> token.customerId().equals(r.key()) && r.value().contains("\"login.succeeded\""), 2, Registry.WAIT);
        assertTrue(events.stream().anyMatch(r -> r.value().contains("\"client\":\"electra\"")));
        assertTrue(events.stream().anyMatch(r -> r.value().contains("\"client\":\"e-posta\"")));
        events.forEach(r -> {
            assertTrue(r.value().contains("\"csn\":\"" + token.csn() + "\""), "token-registry activates the token from the CSN");
            assertTrue(r.value().contains("\"method\":\"TOKEN\""));
        });
    }

    @Test
    void serviceNotOnTheContractIsRefused() {
        TestToken token = Registry.userWithToken(EnumSet.of(ContractedService.ELECTRA), false);
        Browser.LoginPage page = Browser.open("e-posta");

        LoginOutcome outcome = Agent.logIn(token, page);

        assertEquals("bank-refused", outcome.code());
        assertEquals("service-not-contracted", outcome.bankCode());
        Browser.complete(page).then().statusCode(404);
        ConsumerRecord<String, String> failed = logins.await(r -> token.customerId().equals(r.key())
                && r.value().contains("\"login.failed\""), Registry.WAIT);
        assertTrue(failed.value().contains("\"reason\":\"service-not-contracted\""));
        assertTrue(failed.value().contains("\"client\":\"e-posta\""));
        assertTrue(failed.value().contains("\"csn\":\"" + token.csn() + "\""));
        assertFalse(failed.value().contains("signature"), "never the signature");
        assertFalse(failed.value().contains(page.challenge()), "never the challenge");
        given().get("/q/metrics").then().body(containsString(
                "auth_logins_total{client=\"e-posta\",method=\"TOKEN\",outcome=\"failed\",reason=\"service-not-contracted\"}"));
    }

    @Test
    void revokedTokenIsRefusedAsSoonAsTheRegistryEventArrives() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded());

        Registry.revokeToken(token);

        LoginOutcome outcome = Agent.logIn(token, Browser.open("electra"));
        assertEquals("certificate-revoked", outcome.bankCode());
    }

    @Test
    void tokenWhoseCertificatesTheRegistryNeverAnnouncedIsRefused() {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), false);
        TestToken token = TestToken.personalised(customerId, false);

        assertEquals("certificate-unknown", Agent.logIn(token, Browser.open("electra")).bankCode());
    }

    @Test
    void loginIsFinishedOnlyByTheBrowserSessionThatLoadedThePage() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        Browser.LoginPage otherBrowser = Browser.open("electra");
        assertTrue(Agent.logIn(token, page).succeeded());

        Browser.complete(new Browser.LoginPage(page.cookieName(), otherBrowser.cookie(), page.transactionId(), page.challenge(),
                page.client(), page.html(), page.verifier(), page.state())).then().statusCode(404);
        Browser.complete(page).then().statusCode(303);
        Browser.complete(page).then().statusCode(409);
    }

    @Test
    void pageNotYetAuthenticatedCannotBeFinished() {
        Browser.complete(Browser.open("electra")).then().statusCode(404);
    }

    @Test
    void loginPageIsServedWithAStrictContentSecurityPolicyAndASessionCookie() {
        Response response = Browser.authorize(Browser.authorizationRequest("electra", "https://electra.test/oidc/callback",
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "xyz"));
        response.then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src http://127.0.0.1:17380"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", startsWith("tp_login="))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        assertFalse(response.asString().contains("<script>"), "no inline script");
    }

    @Test
    void loginPageSpeaksHungarianByDefaultEnglishOnRequestAndSwitches() {
        var request = Browser.authorizationRequest("electra", "https://electra.test/oidc/callback",
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "lang");
        given().queryParams(request).get("/oidc/authorize").then().statusCode(200)
                .body(containsString("Bejelentkezés tokennel"), containsString("ui_locales=en"));
        given().header("Accept-Language", "en-GB,en;q=0.9").queryParams(request).get("/oidc/authorize").then()
                .body(containsString("Log in with token"), containsString("<html lang=\"en\">"), containsString("ui_locales=hu"));
        request.put("ui_locales", "hu");
        given().header("Accept-Language", "en").queryParams(request).get("/oidc/authorize").then()
                .body(containsString("Bejelentkezés tokennel"));
    }
}
