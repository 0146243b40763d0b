package hu.tokenplatform.auth.password;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import hu.tokenplatform.auth.support.Browser;
import hu.tokenplatform.auth.support.Parallel;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.RelyingParty;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy password login: works for imported users until they are re-contracted, with lockout and uniform
 * answers. Tests that count failures use a forwarded address of their own, so that the per-address limit of one
 * test never touches another.
 */
@QuarkusTest
@TestSecurity(user = "ops.nagy", roles = "ops")
class PasswordLoginTest {

    static final String PASSWORD = "Régi-jelszó-2019";

    @Inject
    EntityManager em;

    TopicProbe logins;

    @BeforeEach
    void subscribe() {
        logins = TopicProbe.subscribe(Registry.observer(), Topics.AUTH_LOGINS);
    }

    @AfterEach
    void close() {
        logins.close();
    }

    static String bcrypt(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, 10);
    }

    static String pbkdf2(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 10_000, 256)).getEncoded();
        return "pbkdf2-sha256$10000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }

    static String userWithPassword(String hash) {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), false);
        importHashes(List.of(Map.of("customerId", customerId, "passwordHash", hash))).statusCode(200)
                .body("imported", hasItem(customerId));
        return customerId;
    }

    static io.restassured.response.ValidatableResponse importHashes(List<Map<String, String>> credentials) {
        return given().contentType(ContentType.JSON).body(Map.of("credentials", credentials)).post("/staff/password-imports").then();
    }

    @Test
    void importedBcryptPasswordLogsInBeforeReContractingWithAPasswordAcr() throws Exception {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        Browser.LoginPage page = Browser.open("electra");

        Response redirect = Browser.password(page, customerId, PASSWORD);

        redirect.then().statusCode(303);
        AuthorizationCode code = RelyingParty.code(URI.create(redirect.getHeader("Location")), page.state());
        RelyingParty electra = RelyingParty.electra();
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(electra.redeem(code, electra.redirectUri(),
                page.verifier())).toSuccessResponse();
        JWTClaimsSet id = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertEquals(customerId, id.getSubject());
        assertEquals("urn:tokenplatform:acr:password", id.getStringClaim("acr"));
        assertEquals(List.of("pwd"), id.getStringListClaim("amr"));
        ConsumerRecord<String, String> event = logins.await(r -> customerId.equals(r.key()) && r.value().contains("\"login.succeeded\""),
                Registry.WAIT);
        assertTrue(event.value().contains("\"method\":\"PASSWORD\""));
    }

    @Test
    void pbkdf2HashesAreAcceptedToo() throws Exception {
        String customerId = userWithPassword(pbkdf2(PASSWORD));

        Browser.password(Browser.open("e-posta"), customerId, PASSWORD).then().statusCode(303);
    }

    @Test
    void afterReContractingEvenTheRightPasswordIsRefusedWithUseYourToken() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        Browser.password(Browser.open("electra"), customerId, PASSWORD).then().statusCode(303);

        Registry.disablePasswordLogin(customerId);

        Browser.password(Browser.open("electra"), customerId, PASSWORD).then().statusCode(403)
                .body(containsString("log in with your token"));
        Browser.password(Browser.open("electra"), customerId, "wrong").then().statusCode(403)
                .body(containsString("log in with your token"));
        Browser.LoginPage hungarian = Browser.open("electra");
        given().cookie(hungarian.cookieName(), hungarian.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("transaction", hungarian.transactionId()).formParam("lang", "hu")
                .formParam("customerId", customerId).formParam("password", PASSWORD)
                .post("/login/password").then().statusCode(403).body(containsString("Jelentkezzen be tokennel"));
        ConsumerRecord<String, String> refused = logins.await(r -> customerId.equals(r.key())
                && r.value().contains("\"password-login-disabled\""), Registry.WAIT);
        assertFalse(refused.value().contains(PASSWORD), "never the password");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String customerId = userWithPassword(bcrypt(PASSWORD));

        Response wrong = Browser.password(Browser.open("electra"), customerId, "not-the-password", "192.0.2.10");
        Response unknown = Browser.password(Browser.open("electra"), TestToken.newCustomerId(), PASSWORD, "192.0.2.10");

        wrong.then().statusCode(401).body(containsString("Customer identifier or password is wrong."));
        unknown.then().statusCode(401).body(containsString("Customer identifier or password is wrong."));
    }

    @Test
    void fiveWrongPasswordsLockTheLoginEvenForTheRightPassword() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        String other = userWithPassword(bcrypt(PASSWORD));
        for (int i = 0; i < 5; i++) {
            Browser.password(Browser.open("electra"), customerId, "wrong-" + i, "192.0.2.20").then().statusCode(401);
        }

        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.21").then().statusCode(423)
                .body(containsString("locked"));
        Browser.password(Browser.open("electra"), other, PASSWORD, "192.0.2.21").then().statusCode(303);
    }

    @Test
    void unknownCustomerIdentifiersLockAlikeSoThatLockingRevealsNothing() {
        String unknown = TestToken.newCustomerId();
        for (int i = 0; i < 5; i++) {
            Browser.password(Browser.open("electra"), unknown, "guess-" + i, "192.0.2.30").then().statusCode(401);
        }
        Browser.password(Browser.open("electra"), unknown, "guess", "192.0.2.30").then().statusCode(423);
    }

    @Test
    void manyFailuresFromOneAddressAreRateLimited() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // The test limit per address is 1000 failures: start this address just below it.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '192.0.2.40', now(), 999)").executeUpdate());

        Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "192.0.2.40").then().statusCode(401);

        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.40").then().statusCode(429)
                .body(containsString("Too many failed logins"));
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.41").then().statusCode(303);
    }

    @Test
    void rotatingTheLeftMostForwardedAddressDoesNotEscapeTheAddressLimit() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // The test limit per address is 1000 failures: two are left for the browser's address, which the bank's
        // proxy (the test, from trusted 127.0.0.1) appends after whatever the browser wrote itself.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '192.0.2.60', now(), 998)").executeUpdate());

        for (int i = 0; i < 2; i++) {
            Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "198.51.100." + i + ", 192.0.2.60")
                    .then().statusCode(401);
        }
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "198.51.100.2, 192.0.2.60").then().statusCode(429);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.60").then().statusCode(429);
    }

    @Test
    void anOverlongForwardedForIsReadFromTheProxysEnd() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '192.0.2.61', now(), 999)").executeUpdate());
        String overlong = "198.51.100.9, ".repeat(600) + "192.0.2.61";

        Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", overlong).then().statusCode(401);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, overlong).then().statusCode(429);
    }

    @Test
    void garbageInForwardedForCountsAgainstTheProxyThatSentIt() {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // 127.0.0.1 is the trusted proxy here: what it forwarded is no address, so its own address is counted.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '127.0.0.1', now(), 999) on conflict (scope, subject) do update set "
                + "window_start = now(), failures = 999").executeUpdate());
        try {
            Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "192.0.2.62, <script>").then().statusCode(401);
            Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.63, unknown").then().statusCode(429);
            Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.64").then().statusCode(303);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from login_throttle where scope = 'ADDRESS' and subject = '127.0.0.1'").executeUpdate());
        }
    }

    @Test
    void onlyWrongPasswordsCountAgainstTheAddress() {
        String recontracted = userWithPassword(bcrypt(PASSWORD));
        Registry.disablePasswordLogin(recontracted);
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // The test limit per address is 1000 failures: one is left for this address.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '192.0.2.45', now(), 999)").executeUpdate());
        Browser.LoginPage expired = Browser.open("electra");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update login_transaction set expires_at = now() - interval '1 second' "
                + "where id = ?1").setParameter(1, expired.transactionId()).executeUpdate());

        for (int i = 0; i < 3; i++) {
            Browser.password(Browser.open("electra"), recontracted, "wrong-" + i, "192.0.2.45").then().statusCode(403);
        }
        Browser.password(expired, customerId, "wrong", "192.0.2.45").then().statusCode(410);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.45").then().statusCode(303);

        Browser.password(Browser.open("electra"), TestToken.newCustomerId(), "guess", "192.0.2.45").then().statusCode(401);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.45").then().statusCode(429);
    }

    @Test
    void parallelWrongPasswordsGetNoMoreChecksThanTheLockoutAllows() throws Exception {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // The attack: one browser session and one login transaction, many guesses posted at once.
        Browser.LoginPage page = Browser.open("electra");

        List<Integer> statuses = Parallel.atOnce(30, i -> Browser.password(page, customerId, "guess-" + i, "192.0.2.50").statusCode());

        assertEquals(5, Collections.frequency(statuses, 401), "wrong-password answers, i.e. passwords checked: " + statuses);
        assertEquals(25, Collections.frequency(statuses, 423), "account-locked answers: " + statuses);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.51").then().statusCode(423);
    }

    @Test
    void parallelFailuresFromOneAddressStopAtTheAddressLimit() throws Exception {
        String customerId = userWithPassword(bcrypt(PASSWORD));
        // The test limit per address is 1000 failures: five are left for this address.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into login_throttle (scope, subject, window_start, "
                + "failures) values ('ADDRESS', '192.0.2.52', now(), 995)").executeUpdate());
        List<Browser.LoginPage> pages = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pages.add(Browser.open("electra"));
        }

        List<Integer> statuses = Parallel.atOnce(30, i ->
                Browser.password(pages.get(i), TestToken.newCustomerId(), "guess", "192.0.2.52").statusCode());

        assertEquals(5, Collections.frequency(statuses, 401), "passwords checked: " + statuses);
        assertEquals(25, Collections.frequency(statuses, 429), "rate-limited answers: " + statuses);
        Browser.password(Browser.open("electra"), customerId, PASSWORD, "192.0.2.52").then().statusCode(429);
    }

    @Test
    void passwordOfAUserWithoutTheServiceIsRefusedAfterTheCheck() {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.of(ContractedService.E_POSTA), false);
        importHashes(List.of(Map.of("customerId", customerId, "passwordHash", bcrypt(PASSWORD)))).statusCode(200);

        Browser.password(Browser.open("electra"), customerId, PASSWORD).then().statusCode(403)
                .body(containsString("not on your contract"));
    }

    @Test
    void importRefusesUnusableHashesAndSkipsReContractedUsers() {
        importHashes(List.of(Map.of("customerId", TestToken.newCustomerId(), "passwordHash", "5f4dcc3b5aa765d61d8327deb882cf99")))
                .statusCode(422).body("code", equalTo("unusable-password-hash"));
        importHashes(List.of(Map.of("customerId", TestToken.newCustomerId(), "passwordHash",
                OpenBSDBCrypt.generate("2b", "x".toCharArray(), new byte[16], 4)))).statusCode(422);
        importHashes(List.of(Map.of("customerId", "1234", "passwordHash", bcrypt(PASSWORD)))).statusCode(400)
                .body("code", equalTo("validation-failed"));
        String recontracted = TestToken.newCustomerId();
        Registry.disablePasswordLogin(recontracted);
        importHashes(List.of(Map.of("customerId", recontracted, "passwordHash", bcrypt(PASSWORD)))).statusCode(200)
                .body("recontracted", hasItem(recontracted));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = "branch-officer")
    void onlyOperationsStaffImportPasswords() {
        importHashes(List.of(Map.of("customerId", TestToken.newCustomerId(), "passwordHash", bcrypt(PASSWORD)))).statusCode(403);
    }

    @Test
    void importsAreAuditedWithTheStaffMemberButWithoutTheHash() {
        String hash = bcrypt(PASSWORD);
        String customerId = userWithPassword(hash);

        List<AuditEntry> entries = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("subjectId", customerId));
        assertEquals(1, entries.size());
        assertEquals("ops.nagy", entries.get(0).actor);
        assertEquals("password.imported", entries.get(0).action);
        assertFalse(entries.get(0).details.contains(hash.substring(7)), "never the hash");
    }

    @Test
    @TestSecurity(user = "auditor.szabo", roles = "auditor")
    void auditorsReadTheAuditLog() {
        given().get("/audit/verification").then().statusCode(200);
    }

    @Test
    @TestSecurity
    void anonymousCallersCannotImport() {
        importHashes(List.of(Map.of("customerId", TestToken.newCustomerId(), "passwordHash", bcrypt(PASSWORD)))).statusCode(401);
    }
}
