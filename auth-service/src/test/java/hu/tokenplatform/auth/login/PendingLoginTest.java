package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.login.LoginOutcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Token Manager asks before the PIN (docs/login-protocol.md): which registered client a pending login
 * transaction is for, under which name. Only a pending, unexpired transaction is described; and the real agent
 * shows the registered name, and refuses a page that names another client, before any PIN is asked.
 */
@QuarkusTest
class PendingLoginTest {

    private static final PendingLogin.ClientName ELECTRA = new PendingLogin.ClientName("Electra vállalati internetbank",
            "Electra corporate e-banking");
    private static final PendingLogin.ClientName E_POSTA = new PendingLogin.ClientName("e-posta biztonságos levelezés",
            "e-posta secure mail");

    private static Response describe(String transactionId) {
        return given().accept("application/json").get("/login/v1/transactions/{id}", transactionId);
    }

    /** The page's transaction is past its expiry, as it is two minutes after the page was shown. */
    private static void expire(Browser.LoginPage page) {
        QuarkusTransaction.requiringNew().run(() -> LoginTransaction.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), page.transactionId()));
    }

    private static void assertUnknown(Response response) {
        response.then().statusCode(404)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("code", equalTo("login-transaction-unknown"));
    }

    @Test
    void aFreshLoginPageIsDescribedWithTheClientsRegisteredNames() {
        Browser.LoginPage page = Browser.open("electra");

        Response response = describe(page.transactionId());

        response.then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("transactionId", equalTo(page.transactionId()))
                .body("client", equalTo("electra"))
                .body("clientName.hu", equalTo(ELECTRA.hu()))
                .body("clientName.en", equalTo(ELECTRA.en()))
                .body("origin", equalTo(Browser.origin()))
                .body(not(containsString(page.challenge())));
        assertTrue(page.html().contains(ELECTRA.hu()), "the login page says the same name");
    }

    @Test
    void eachClientHasItsOwnName() {
        describe(Browser.open("e-posta").transactionId()).then().statusCode(200)
                .body("client", equalTo("e-posta"))
                .body("clientName.hu", equalTo(E_POSTA.hu()))
                .body("clientName.en", equalTo(E_POSTA.en()));
    }

    @Test
    void anUnknownTransactionIsNotFound() {
        assertUnknown(describe("AAAAAAAAAAAAAAAAAAAAAA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "AAAAAAAAAAAAAAAA.AAAAA", "AAAAAAAAAAAAAAAA AAAAA", "AAAAAAAAAAAAAAAA'--",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedIdIsNotFoundLikeAnUnknownOne(String transactionId) {
        assertUnknown(describe(transactionId));
    }

    @Test
    void anExpiredTransactionIsNotFound() {
        Browser.LoginPage page = Browser.open("electra");
        expire(page);

        assertUnknown(describe(page.transactionId()));
    }

    @Test
    void aTransactionAlreadyLoggedInIsNotFoundNorOnceFinished() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        assertTrue(Agent.logIn(token, page).succeeded());

        assertUnknown(describe(page.transactionId()));
        Browser.complete(page).then().statusCode(303);
        assertUnknown(describe(page.transactionId()));
    }

    @Test
    void tokenManagerAsksThePinUnderTheRegisteredNameNotThePagesString() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        List<PendingLogin.ClientName> asked = new ArrayList<>();

        LoginOutcome outcome = Agent.logIn(token, Browser.open("e-posta"), "e-posta", asked);

        assertTrue(outcome.succeeded(), outcome.toString());
        assertEquals(List.of(E_POSTA), asked);
    }

    @Test
    void aPageThatNamesAnotherClientGetsNoPinQuestionAndNoLogin() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        List<PendingLogin.ClientName> asked = new ArrayList<>();

        LoginOutcome evil = Agent.logIn(token, page, "evil-client", asked);
        LoginOutcome other = Agent.logIn(token, page, "e-posta", asked);

        assertEquals("client-mismatch", evil.code());
        assertEquals("client-mismatch", other.code());
        assertEquals(List.of(), asked, "no PIN was asked");
        describe(page.transactionId()).then().statusCode(200);
        assertTrue(Agent.logIn(token, page).succeeded(), "the page's own login still works");
    }

    @Test
    void anExpiredPageGetsNoPinQuestion() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage page = Browser.open("electra");
        expire(page);
        List<PendingLogin.ClientName> asked = new ArrayList<>();

        LoginOutcome outcome = Agent.logIn(token, page, "electra", asked);

        assertEquals("login-transaction-unknown", outcome.code());
        assertEquals(List.of(), asked);
    }
}
