package hu.tokenplatform.auth.security;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.RelyingParty;
import hu.tokenplatform.auth.support.TestBankResource;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.auth.support.TlsClients;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.testkit.LogCapture;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures everything logged (the service's own categories down to DEBUG, and every stack trace) while token
 * logins, password logins, an import and a token exchange run, and checks that no password, hash, PIN, login
 * signature, authorization code, token or client secret is in it.
 */
@QuarkusTest
@TestSecurity(user = "ops.nagy", roles = "ops")
class NoSecretsInLogsTest {

    private static final String PASSWORD = "Titkos-jelszó-77";

    private final LogCapture capture = new LogCapture();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        Logger service = Logger.getLogger("hu.tokenplatform");
        previousLevel = service.getLevel();
        service.setLevel(Level.FINEST);
        capture.start();
    }

    @AfterEach
    void release() {
        capture.stop();
        Logger.getLogger("hu.tokenplatform").setLevel(previousLevel);
    }

    @Test
    void loginsImportAndTokenExchangeLeaveNoSecretInTheLog() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        String signature;
        try (TestToken.Open open = token.open()) {
            signature = Agent.sign(open.session(), KeySlot.LOGIN, page, "electra", Browser.origin());
            Agent.post(TlsClients.token(open.session()), new LoginAssertion(page.transactionId(), "e-posta", Browser.origin(), signature));
            Agent.post(TlsClients.token(open.session()), new LoginAssertion(page.transactionId(), "electra", Browser.origin(), signature));
            Agent.post(TlsClients.token(open.session()), new LoginAssertion(page.transactionId(), "electra", Browser.origin(), signature));
        }
        Response redirect = Browser.complete(page);
        AuthorizationCode code = RelyingParty.code(URI.create(redirect.getHeader("Location")), page.state());
        RelyingParty electra = RelyingParty.electra();
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(electra.redeem(code, electra.redirectUri(),
                page.verifier())).toSuccessResponse();
        electra.redeem(code, electra.redirectUri(), page.verifier());

        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt, 10);
        given().contentType(ContentType.JSON).body(Map.of("credentials", List.of(Map.of("customerId", token.customerId(), "passwordHash", hash))))
                .post("/staff/password-imports").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("credentials", List.of(Map.of("customerId", "1", "passwordHash", hash))))
                .post("/staff/password-imports").then().statusCode(400);
        Browser.password(Browser.open("electra"), token.customerId(), PASSWORD + "x").then().statusCode(401);
        Browser.password(Browser.open("electra"), token.customerId(), PASSWORD).then().statusCode(303);

        String log = capture.text();
        assertTrue(log.length() > 0, "the capture works");
        Map<String, String> secrets = Map.of("password", PASSWORD, "password hash", hash.substring(7), "PIN", TestToken.PIN,
                "login signature", signature, "authorization code", code.getValue(),
                "access token", tokens.getOIDCTokens().getAccessToken().getValue(), "ID token", tokens.getOIDCTokens().getIDTokenString(),
                "client secret", TestBankResource.ELECTRA_SECRET, "challenge", page.challenge());
        // The failure names which secret leaked, never any part of it: test reports are kept and shared too.
        secrets.forEach((what, secret) -> assertFalse(log.contains(secret), "the log holds the " + what));
    }
}
