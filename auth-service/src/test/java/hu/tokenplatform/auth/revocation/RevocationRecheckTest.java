package hu.tokenplatform.auth.revocation;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.RelyingParty;
import hu.tokenplatform.auth.support.TestBank;
import hu.tokenplatform.auth.support.TestBankResource;
import hu.tokenplatform.auth.support.TestOcspResponder;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.util.EnumSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, section 3: a revocation takes effect at every step that hands something out (the token login, the end
 * of the login, the code's redemption), whether Kafka brings it or not. While the projection cannot be shown
 * current, the registry's OCSP responder is asked; if it cannot answer either, nobody logs in.
 */
@QuarkusTest
class RevocationRecheckTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    AuthConfig config;

    @Test
    void aLoginAuthenticatedBeforeTheRevocationIsNotFinished() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        assertTrue(Agent.logIn(token, page).succeeded());

        Registry.revokeToken(token);

        Response refused = Browser.complete(page);
        refused.then().statusCode(403);
        assertEquals(null, refused.getHeader("Location"), "no code for a revoked token");
    }

    @Test
    void aCodeIssuedBeforeTheRevocationIsNotRedeemedForTokens() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        assertTrue(Agent.logIn(token, page).succeeded());
        Response redirect = Browser.complete(page);
        redirect.then().statusCode(303);
        AuthorizationCode code = RelyingParty.code(URI.create(redirect.getHeader("Location")), page.state());

        Registry.revokeToken(token);

        HTTPResponse answer = RelyingParty.electra().redeem(code, URI.create(TestBankResource.ELECTRA_CALLBACK), page.verifier());
        assertEquals(400, answer.getStatusCode());
        assertTrue(answer.getBody().contains("invalid_grant"), answer.getBody());
    }

    @Test
    void userinfoRefusesTheTokensOfARevokedTokensSession() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        assertTrue(Agent.logIn(token, page).succeeded());
        Response redirect = Browser.complete(page);
        AuthorizationCode code = RelyingParty.code(URI.create(redirect.getHeader("Location")), page.state());
        HTTPResponse tokens = RelyingParty.electra().redeem(code, URI.create(TestBankResource.ELECTRA_CALLBACK), page.verifier());
        assertEquals(200, tokens.getStatusCode(), tokens.getBody());
        String accessToken = tokens.getBodyAsJSONObject().getAsString("access_token");
        given().auth().oauth2(accessToken).get("/oidc/userinfo").then().statusCode(200);

        Registry.revokeToken(token);

        given().auth().oauth2(accessToken).get("/oidc/userinfo").then().statusCode(401);
    }

    @Test
    void whileTheProjectionIsShownCurrentTheRegistryIsNotAsked() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        awaitProjectionCurrent(true);

        assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded());

        assertEquals(0, TestBank.ocspRequestsFor(serial(token)), "the projection answered, OCSP was not needed");
    }

    /** The observation: with Kafka down, logins were accepted for 292 s after the revocation. */
    @Test
    void whileKafkaIsDownTheRegistryIsAskedAndARevocationRefusesTheNextLogin() throws InterruptedException {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        awaitProjectionCurrent(true);
        broker.stop();
        try {
            awaitProjectionCurrent(false);
            assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded(), "the registry says the token is good");
            assertTrue(TestBank.ocspRequestsFor(serial(token)) > 0, "asked the registry, not the stale projection");

            // The registry revokes; no event can reach auth-service, and its CRL is not fetched again meanwhile.
            TestBank.revoke(serial(token), CRLReason.KEY_COMPROMISE);
            // The "good" asked for just before may be reused until the cache's time to live, counted from when it was
            // asked (part of the 1 s bound, which e2e RevocationBoundIT measures); past it the registry is asked again.
            Thread.sleep(config.revocation().ocspCacheTtl().toMillis() + 50);

            assertEquals("certificate-revoked", Agent.logIn(token, Browser.open("electra")).bankCode());
        } finally {
            broker.start();
        }
        awaitProjectionCurrent(true);
    }

    @Test
    void whenNeitherTheProjectionNorTheRegistryCanTellNobodyLogsIn() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        awaitProjectionCurrent(true);
        broker.stop();
        TestBank.ocspBehaviour(TestOcspResponder.Behaviour.HTTP_ERROR);
        try {
            awaitProjectionCurrent(false);
            assertEquals("revocation-status-unknown", Agent.logIn(token, Browser.open("electra")).bankCode());
        } finally {
            TestBank.ocspBehaviour(TestOcspResponder.Behaviour.HONEST);
            broker.start();
        }
        awaitProjectionCurrent(true);
        assertTrue(Agent.logIn(token, Browser.open("electra")).succeeded(), "fine again once Kafka is back");
    }

    private static BigInteger serial(TestToken token) {
        return token.loginCertificate().getSerialNumber();
    }

    /** The auth_projection_current gauge as Prometheus scrapes it. */
    private static void awaitProjectionCurrent(boolean current) {
        String expected = "auth_projection_current " + (current ? "1.0" : "0.0");
        await().atMost(WAIT).until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().anyMatch(line -> line.equals(expected)));
    }
}
