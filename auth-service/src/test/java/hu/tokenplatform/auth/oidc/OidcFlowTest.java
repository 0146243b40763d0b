package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import hu.tokenplatform.auth.login.LoginSession;
import hu.tokenplatform.auth.login.LoginSessions;
import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.RelyingParty;
import hu.tokenplatform.auth.support.TestBankResource;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OIDC provider as Electra and e-posta see it, through the Nimbus client SDK: discovery, authorization code
 * flow with PKCE driven by a token login with the real agent, tokens validated against the JWKS, userinfo; and
 * every way a relying party or an attacker can get it wrong.
 */
@QuarkusTest
class OidcFlowTest {

    @Inject
    SigningKeys keys;

    /** A token login in the browser for {@code rp}; returns the redirect URI the browser is sent to. */
    static URI logInWithToken(TestToken token, Browser.LoginPage page) {
        assertTrue(Agent.logIn(token, page).succeeded());
        Response redirect = Browser.complete(page);
        redirect.then().statusCode(303);
        return URI.create(redirect.getHeader("Location"));
    }

    @Test
    void relyingPartyCompletesTheCodeFlowWithPkceAndValidatesTheTokensAgainstTheJwks() throws Exception {
        OIDCProviderMetadata provider = RelyingParty.discover();
        assertEquals(List.of("S256"), provider.getCodeChallengeMethods().stream().map(Object::toString).toList());
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");

        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        HTTPResponse http = electra.redeem(code, electra.redirectUri(), page.verifier());

        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(http).toSuccessResponse();
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), new ClientID("electra"), JWSAlgorithm.ES256,
                provider.getJWKSetURI().toURL());
        IDTokenClaimsSet id = validator.validate(tokens.getOIDCTokens().getIDToken(), new Nonce("n-" + page.state()));
        assertEquals(token.customerId(), id.getSubject().getValue());
        assertEquals("urn:tokenplatform:acr:hardware-token", id.getACR().getValue());
        assertEquals(List.of("hwk", "pin", "mfa"), id.getAMR().stream().map(Object::toString).toList());
        assertEquals("CO-1", id.getStringClaim("company_id"));
        assertEquals(List.of("ELECTRA", "E_POSTA"), id.getStringListClaim("services"));
        assertEquals(Boolean.TRUE, id.getBooleanClaim("signing_right"));
        assertTrue(id.getAuthenticationTime() != null);

        SignedJWT access = SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue());
        assertEquals("at+jwt", access.getHeader().getType().getType());
        JWTClaimsSet accessClaims = access.getJWTClaimsSet();
        assertEquals(token.customerId(), accessClaims.getSubject());
        assertEquals("urn:tokenplatform:acr:hardware-token", accessClaims.getStringClaim("acr"));
        assertEquals(Boolean.TRUE, accessClaims.getBooleanClaim("signing_right"));

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send());
        assertTrue(userInfo.indicatesSuccess());
        assertEquals(token.customerId(), userInfo.toSuccessResponse().getUserInfo().getSubject().getValue());
        assertEquals("Példa, Kft.", userInfo.toSuccessResponse().getUserInfo().getStringClaim("company_name"));
    }

    @Test
    void sameTokenGetsTokensForEPostaToo() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty ePosta = RelyingParty.ePosta();
        Browser.LoginPage page = Browser.open("e-posta");

        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(ePosta.redeem(code, ePosta.redirectUri(), page.verifier())).toSuccessResponse();

        JWTClaimsSet id = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertEquals(List.of("e-posta"), id.getAudience());
        assertEquals(token.customerId(), id.getSubject());
    }

    @Test
    void authorizationCodeWorksOnce() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());

        assertTrue(OIDCTokenResponseParser.parse(electra.redeem(code, electra.redirectUri(), page.verifier())).indicatesSuccess());
        assertEquals("invalid_grant", error(electra.redeem(code, electra.redirectUri(), page.verifier())));
    }

    /** A token login at Electra, its code redeemed once: the tokens Electra got. */
    static OIDCTokens electraTokens(TestToken token) throws Exception {
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        return ((OIDCTokenResponse) OIDCTokenResponseParser.parse(electra.redeem(code, electra.redirectUri(), page.verifier()))
                .toSuccessResponse()).getOIDCTokens();
    }

    @Test
    void codeRedeemedTwiceEndsTheLoginSessionSoTheFirstTokensAreRefusedAtUserinfo() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        OIDCTokens first = ((OIDCTokenResponse) OIDCTokenResponseParser.parse(
                electra.redeem(code, electra.redirectUri(), page.verifier())).toSuccessResponse()).getOIDCTokens();
        String access = first.getAccessToken().getValue();
        given().header("Authorization", "Bearer " + access).get("/oidc/userinfo").then().statusCode(200);
        // The same user's other login is another session.
        String otherAccess = electraTokens(token).getAccessToken().getValue();

        // Whoever presents the code a second time (the attacker or the client) shows that it leaked.
        assertEquals("invalid_grant", error(electra.redeem(code, electra.redirectUri(), page.verifier())));

        given().header("Authorization", "Bearer " + access).get("/oidc/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().header("Authorization", "Bearer " + access).post("/oidc/userinfo").then().statusCode(401);
        given().header("Authorization", "Bearer " + otherAccess).get("/oidc/userinfo").then().statusCode(200);
        String sid = first.getIDToken().getJWTClaimsSet().getStringClaim("sid");
        LoginSession ended = QuarkusTransaction.requiringNew().call(() -> LoginSession.<LoginSession>findById(sid));
        assertEquals(LoginSessions.EndReason.CODE_REDEEMED_TWICE, ended.endReason);
        assertEquals(token.csn(), ended.csn);
    }

    @Test
    void idAndAccessTokensOfOneLoginCarryItsSessionIdAndEachLoginHasItsOwn() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        List<String> sids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            OIDCTokens tokens = electraTokens(token);
            String idSid = tokens.getIDToken().getJWTClaimsSet().getStringClaim("sid");
            String accessSid = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
            assertTrue(idSid != null && idSid.matches("[A-Za-z0-9_-]{22}"), idSid);
            assertEquals(idSid, accessSid);
            sids.add(idSid);
        }
        assertFalse(sids.get(0).equals(sids.get(1)), sids.toString());
    }

    @Test
    void discoveryListsTheSidClaimAndSaysRequestObjectsAreNotSupported() {
        OIDCProviderMetadata provider = RelyingParty.discover();
        assertTrue(provider.getClaims().contains("sid"), provider.getClaims().toString());
        assertFalse(provider.supportsRequestURIParam());
        assertFalse(provider.supportsRequestParam());
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("request_uri_parameter_supported", org.hamcrest.Matchers.equalTo(false))
                .body("request_parameter_supported", org.hamcrest.Matchers.equalTo(false));
        // What discovery says is what the endpoint does.
        Map<String, String> byReference = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "ru");
        byReference.put("request_uri", "https://electra.test/request.jwt");
        assertTrue(Browser.authorize(byReference).then().statusCode(303).extract().header("Location")
                .contains("error=request_uri_not_supported"));
    }

    @Test
    void wrongPkceVerifierSpendsTheCode() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());

        assertEquals("invalid_grant", error(electra.redeem(code, electra.redirectUri(), new com.nimbusds.oauth2.sdk.pkce.CodeVerifier())));
        assertEquals("invalid_grant", error(electra.redeem(code, electra.redirectUri(), page.verifier())));
    }

    @Test
    void tokenRequestWithAnotherRedirectUriIsRefused() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());

        assertEquals("invalid_grant", error(electra.redeem(code, URI.create("https://electra.test/other"), page.verifier())));
    }

    @Test
    void codeIssuedToElectraCannotBeRedeemedByEPosta() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());

        assertEquals("invalid_grant", error(RelyingParty.ePosta().redeem(code, RelyingParty.electra().redirectUri(), page.verifier())));
    }

    @Test
    void publicClientRedeemsWithPkceAloneAndConfidentialClientsMustAuthenticate() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("public-test", TestBankResource.PUBLIC_CALLBACK);
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        URI tokenEndpoint = URI.create(Browser.origin() + "/oidc/token");

        HTTPResponse withoutVerifier = new TokenRequest(tokenEndpoint, new ClientID("public-test"),
                new AuthorizationCodeGrant(code, URI.create(TestBankResource.PUBLIC_CALLBACK), null)).toHTTPRequest().send();
        assertEquals("invalid_grant", error(withoutVerifier));

        Browser.LoginPage again = Browser.open("public-test", TestBankResource.PUBLIC_CALLBACK);
        AuthorizationCode second = RelyingParty.code(logInWithToken(token, again), again.state());
        HTTPResponse redeemed = new TokenRequest(tokenEndpoint, new ClientID("public-test"),
                new AuthorizationCodeGrant(second, URI.create(TestBankResource.PUBLIC_CALLBACK), again.verifier())).toHTTPRequest().send();
        assertTrue(OIDCTokenResponseParser.parse(redeemed).indicatesSuccess());

        Browser.LoginPage electraPage = Browser.open("electra");
        AuthorizationCode electraCode = RelyingParty.code(logInWithToken(token, electraPage), electraPage.state());
        HTTPResponse unauthenticated = new TokenRequest(tokenEndpoint, new ClientID("electra"),
                new AuthorizationCodeGrant(electraCode, RelyingParty.electra().redirectUri(), electraPage.verifier())).toHTTPRequest().send();
        assertEquals("invalid_client", error(unauthenticated));
    }

    @Test
    void wrongClientSecretIsRefused() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());

        HTTPResponse response = electra.redeem(code, electra.redirectUri(), page.verifier(), "not-the-secret-0123456789");
        assertEquals(401, response.getStatusCode());
        assertEquals("invalid_client", error(response));
    }

    @Test
    void unregisteredRedirectUriIsAnsweredOnThePageAndNeverRedirected() {
        Map<String, String> request = Browser.authorizationRequest("electra", "https://electra.test.evil.example/oidc/callback",
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "s1");
        Browser.authorize(request).then().statusCode(400).header("Location", (String) null)
                .body(containsString("érvénytelen"), not(containsString("evil.example")));
        Map<String, String> prefix = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK + "/../x",
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "s2");
        Browser.authorize(prefix).then().statusCode(400).header("Location", (String) null);
    }

    @Test
    void unknownClientIsAnsweredOnThePage() {
        Browser.authorize(Browser.authorizationRequest("mallory", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "s")).then().statusCode(400).header("Location", (String) null);
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() {
        Map<String, String> request = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "nopkce");
        request.remove("code_challenge");
        request.remove("code_challenge_method");

        String location = Browser.authorize(request).then().statusCode(303).extract().header("Location");

        assertTrue(location.startsWith(TestBankResource.ELECTRA_CALLBACK + "?"), location);
        assertTrue(location.contains("error=invalid_request"), location);
        assertTrue(location.contains("state=nopkce"), location);
    }

    @Test
    void plainPkceIsRefused() {
        Map<String, String> request = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "plain");
        request.put("code_challenge", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH");
        request.put("code_challenge_method", "plain");
        String withMethod = Browser.authorize(request).then().statusCode(303).extract().header("Location");
        request.remove("code_challenge_method");
        String defaulted = Browser.authorize(request).then().statusCode(303).extract().header("Location");

        assertTrue(withMethod.contains("error=invalid_request"), withMethod);
        assertTrue(defaulted.contains("error=invalid_request"), "a challenge without method is plain (RFC 7636): " + defaulted);
    }

    @Test
    void implicitFlowAndUnknownScopesAreRefused() {
        Map<String, String> implicit = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "i");
        implicit.put("response_type", "id_token");
        assertTrue(Browser.authorize(implicit).then().statusCode(303).extract().header("Location").contains("error=unsupported_response_type"));
        Map<String, String> scope = Browser.authorizationRequest("electra", TestBankResource.ELECTRA_CALLBACK,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(), "sc");
        scope.put("scope", "openid transaction-signatures");
        assertTrue(Browser.authorize(scope).then().statusCode(303).extract().header("Location").contains("error=invalid_scope"));
    }

    @Test
    void backendGetsAnApiTokenThroughClientCredentialsAndOthersDoNot() throws Exception {
        TokenResponse electra = OIDCTokenResponseParser.parse(new TokenRequest(URI.create(Browser.origin() + "/oidc/token"),
                new ClientSecretBasic(new ClientID("electra"), new Secret(TestBankResource.ELECTRA_SECRET)), new ClientCredentialsGrant(),
                new Scope("transaction-signatures")).toHTTPRequest().send());
        assertTrue(electra.indicatesSuccess());
        JWTClaimsSet claims = SignedJWT.parse(electra.toSuccessResponse().getTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals("electra", claims.getSubject());
        assertEquals("transaction-signatures", claims.getStringClaim("scope"));
        assertNull(claims.getClaim("signing_right"), "no user in a client token");

        HTTPResponse ePosta = new TokenRequest(URI.create(Browser.origin() + "/oidc/token"),
                new ClientSecretBasic(new ClientID("e-posta"), new Secret(TestBankResource.EPOSTA_SECRET)), new ClientCredentialsGrant(),
                new Scope("transaction-signatures")).toHTTPRequest().send();
        assertEquals("unauthorized_client", error(ePosta));
    }

    @Test
    void userinfoRefusesIdTokensClientTokensAndForgeries() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        RelyingParty electra = RelyingParty.electra();
        Browser.LoginPage page = Browser.open("electra");
        AuthorizationCode code = RelyingParty.code(logInWithToken(token, page), page.state());
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(electra.redeem(code, electra.redirectUri(), page.verifier())).toSuccessResponse();
        String idToken = tokens.getOIDCTokens().getIDTokenString();
        String access = tokens.getOIDCTokens().getAccessToken().getValue();
        String tampered = access.substring(0, access.indexOf('.') + 1) + access.substring(access.indexOf('.') + 2);

        given().header("Authorization", "Bearer " + idToken).get("/oidc/userinfo").then().statusCode(401);
        given().header("Authorization", "Bearer " + tampered).get("/oidc/userinfo").then().statusCode(401);
        given().get("/oidc/userinfo").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer " + access).get("/oidc/userinfo").then().statusCode(200);
        // A user's access token is not the backend's: it lacks the transaction-signatures scope.
        given().header("Authorization", "Bearer " + access).contentType("application/json")
                .body(Map.of("document", "AAAA", "signature", "AAAAAAAAAAAAAAAAAAAAAAAA"))
                .post("/signatures/v1/verifications").then().statusCode(401);
    }

    @Test
    void rotatedSigningKeyStaysInTheJwksUntilItsTokensExpire() throws Exception {
        String before = keys.current().kid();
        QuarkusTransaction.requiringNew().run(() -> SigningKey.update("createdAt = ?1 where kid = ?2",
                Instant.now().minus(Duration.ofDays(31)), before));

        keys.rotateIfDue();

        List<String> published = given().get("/oidc/jwks").then().statusCode(200).extract().jsonPath().getList("keys.kid");
        assertEquals(2, published.stream().distinct().count(), published.toString());
        assertTrue(published.contains(before));
        given().get("/oidc/jwks").then().body(not(containsString("\"d\"")));
        SigningKey previous = QuarkusTransaction.requiringNew().call(() -> SigningKey.<SigningKey>findById(before));
        assertTrue(previous.publishedUntil.isAfter(Instant.now().plus(Duration.ofMinutes(5))), "outlives the tokens it signed");

        QuarkusTransaction.requiringNew().run(() -> SigningKey.update("publishedUntil = ?1 where kid = ?2", Instant.now().minusSeconds(1), before));
        keys.rotateIfDue();
        assertFalse(QuarkusTransaction.requiringNew().call(() -> SigningKey.<SigningKey>findByIdOptional(before).isPresent()));
    }

    private static String error(HTTPResponse response) throws Exception {
        return TokenErrorResponse.parse(response).getErrorObject().getCode();
    }
}
