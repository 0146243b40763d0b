package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.support.Agent;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public authorization URL writes a login transaction for every page it shows: looping it must not fill the
 * database. A browser session keeps few pending transactions, an address opens few pages per minute, and pages
 * nobody logged in from are dropped soon after they expire.
 */
@QuarkusTest
class LoginPageFloodTest {

    @Inject
    EntityManager em;

    @Inject
    LoginTransactions transactions;

    @Test
    void aBrowserSessionKeepsOnlyItsFiveNewestPendingLoginPages() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage authenticated = Browser.open("electra");
        assertTrue(Agent.logIn(token, authenticated).succeeded());
        List<Browser.LoginPage> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pages.add(Browser.openAgain(authenticated));
        }

        List<String> pending = QuarkusTransaction.requiringNew().call(() -> LoginTransaction.<LoginTransaction>list(
                        "browserSessionHash = ?1 and status = ?2", BrowserSession.hash(authenticated.cookie()), LoginTransaction.Status.PENDING)
                .stream().map(t -> t.id).toList());
        assertEquals(5, pending.size(), pending.toString());
        for (int i = 0; i < 8; i++) {
            String id = pages.get(i).transactionId();
            assertEquals(i >= 3, pending.contains(id), "page " + i + " of 8 kept");
        }
        Browser.password(pages.get(0), TestToken.newCustomerId(), "guess").then().statusCode(404);
        // Only pending pages are capped: the page the token authenticated is still finished.
        Browser.complete(authenticated).then().statusCode(303);
    }

    @Test
    void oneAddressOpensOnlyItsLimitOfLoginPagesPerWindow() {
        // The test limit is 1000 login pages per address and window: one is left for this address.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('LOGIN_PAGE', '192.0.2.80', now(), 999)").executeUpdate());
        String state = "flood-" + System.nanoTime();

        Browser.authorizeFrom("192.0.2.80", state).then().statusCode(200).body(containsString("data-transaction="));
        Response refused = Browser.authorizeFrom("192.0.2.80", state);

        refused.then().statusCode(429).header("Retry-After", "60")
                .body(containsString("Túl sok bejelentkezési oldal"), not(containsString("data-transaction=")));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> LoginTransaction.count("state", state)),
                "no login transaction for the refused page");
        Browser.authorizeFrom("192.0.2.81", state).then().statusCode(200);
    }

    @Test
    void unusedLoginPagesAreDroppedSoonAfterTheyExpireWhileLoginsAreKept() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), false);
        Browser.LoginPage unused = Browser.open("electra");
        Browser.LoginPage justExpired = Browser.open("electra");
        Browser.LoginPage loggedIn = Browser.open("electra");
        assertTrue(Agent.logIn(token, loggedIn).succeeded());
        Browser.complete(loggedIn).then().statusCode(303);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        QuarkusTransaction.requiringNew().run(() -> {
            LoginTransaction.<LoginTransaction>findById(unused.transactionId()).expiresAt = longAgo;
            LoginTransaction.<LoginTransaction>findById(loggedIn.transactionId()).expiresAt = longAgo;
            LoginTransaction.<LoginTransaction>findById(justExpired.transactionId()).expiresAt = Instant.now().minusSeconds(1);
        });

        transactions.dropOldTransactions();

        assertFalse(stored(unused), "an unused page, expired minutes ago");
        assertTrue(stored(justExpired), "a late form is still told it expired");
        assertTrue(stored(loggedIn), "logins are kept for investigations");
        Browser.password(justExpired, TestToken.newCustomerId(), "guess", "192.0.2.82").then().statusCode(410);
    }

    private static boolean stored(Browser.LoginPage page) {
        return QuarkusTransaction.requiringNew().call(() -> LoginTransaction.findByIdOptional(page.transactionId()).isPresent());
    }
}
