package hu.tokenplatform.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's pages without Keycloak: the signed-in person is set by {@code @TestSecurity}. */
@QuarkusTest
class ConsolePagesTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void everyPageShowsWhoIsSignedInWithWhichRolesAndOnlyTheirMenus() {
        given().get("/").then().statusCode(200)
                .body(containsString("id=\"staff-name\">helpdesk<"))
                .body(containsString("id=\"staff-roles\">ügyfélszolgálat<"))
                .body(containsString("id=\"menu-helpdesk\""))
                .body(not(containsString("id=\"menu-auditor\"")));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineScript() {
        Response page = given().get("/helpdesk");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
        String html = page.asString();
        assertTrue(!html.contains("<script>") && !html.contains("style=") && !html.contains(" on"), "inline script or style");
        page.then().header("Cache-Control", "no-store");
    }

    @Test
    @TestSecurity(user = "auditor", roles = "auditor")
    void aRoleThatMayNotSeeAScreenGetsTheForbiddenPage() {
        given().get("/helpdesk").then().statusCode(403)
                .body(containsString("id=\"forbidden\""))
                .body(containsString("id=\"staff-name\">auditor<"));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        given().formParam("customerId", "22222222").formParam("ePin", "482915")
                .post("/helpdesk/caller-verification").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void englishIsChosenWithTheSwitchAndRememberedInACookie() {
        Response choice = given().redirects().follow(false).get("/language?lang=en&back=/helpdesk");
        choice.then().statusCode(303).header("Location", containsString("/helpdesk"));
        String language = choice.getCookie("console-lang");
        given().cookie("console-lang", language).get("/helpdesk").then()
                .body(containsString("Helpdesk: unlock a token"))
                .body(containsString("<html lang=\"en\">"));
        given().get("/helpdesk").then().body(containsString("Ügyfélszolgálat: token feloldása"));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aLockedOutCallerIsToldInWordsTheAgentCanSay() {
        postWithCsrf("/helpdesk/caller-verification", "customerId", "11111111", "ePin", "482915").then().statusCode(200)
                .body(containsString("data-code=\"e-pin-locked\""))
                .body(containsString("Új e-PIN-t személyesen, a fiókban kaphat."));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aMistypedIdentifierCostsTheCallerNoTry() {
        postWithCsrf("/helpdesk/caller-verification", "customerId", "1234", "ePin", "482915").then().statusCode(200)
                .body(containsString("data-code=\"invalid-customer-id\""));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aVerifiedCallerIsAskedForCsnRandomAndReasonAndARefusalIsSaidPlainly() {
        postWithCsrf("/helpdesk/caller-verification", "customerId", "22222222", "ePin", "482915").then().statusCode(200)
                .body(containsString("id=\"code-form\""))
                .body(containsString("<td class=\"csn\">0A1B2C3D4E5F6071</td><td>használatban</td>"))
                .body(containsString("<span class=\"certificate\">belépési: érvényes eddig: 2099-06-30</span>"))
                .body(containsString("<span class=\"certificate expired\">aláíró: LEJÁRT: 2025-12-31</span>"))
                .body(containsString("<tr class=\"revoked\"><td class=\"csn\">0A1B2C3D00000001</td><td>visszavonva: nem oldható fel</td>"))
                .body(not(containsString("482915")));
        postWithCsrf("/helpdesk/unlock-code", "verificationId", "v".repeat(43), "customerId", "22222222",
                "csn", "0a1b 2c3d", "random", "481 516 2342", "reason", "").then()
                .body(containsString("data-code=\"reason-required\""));
        postWithCsrf("/helpdesk/unlock-code", "verificationId", "v".repeat(43), "customerId", "22222222",
                "csn", "0a1b 2c3d", "random", "481 516 2342", "reason", "PIN locked, caller on the phone").then()
                .body(containsString("data-code=\"csn-not-callers\""))
                .body(containsString("Ez a CSN nem az Ön tokenje."))
                .body(containsString("id=\"caller-tokens\""));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aVerificationThatHasEndedOrWasTamperedWithLeadsBackToVerifyingTheCaller() {
        postWithCsrf("/helpdesk/unlock-code", "verificationId", "w".repeat(43), "customerId", "22222222",
                "csn", "0A1B2C3D4E5F6071", "random", "481 516 2342", "reason", "PIN locked").then()
                .body(containsString("id=\"verify-form\""))
                .body(not(containsString("id=\"caller-tokens\"")));
        postWithCsrf("/helpdesk/unlock-code", "verificationId", "../../admin", "customerId", "22222222",
                "csn", "0A1B2C3D4E5F6071", "random", "481 516 2342", "reason", "PIN locked").then()
                .body(containsString("data-code=\"verification-invalid\""))
                .body(containsString("id=\"verify-form\""));
    }

    @Test
    @TestSecurity(user = "auditor", roles = "auditor")
    void theAuditorsFilterReachesTheServiceWithTheTimeWindowInUtcAndMalformedValuesDropped() {
        String from = LocalDateTime.of(2026, 12, 7, 9, 30).atZone(ZoneId.systemDefault()).toInstant().toString();
        String html = given().queryParam("service", "unlock-service").queryParam("actor", "helpdesk")
                .queryParam("from", "2026-12-07T09:30").queryParam("to", "not a time")
                .queryParam("subjectId", "22222222' or 1=1").get("/auditor").then().statusCode(200)
                .body(containsString("value=\"2026-12-07T09:30\"")).extract().asString();
        assertTrue(html.contains("&quot;actor&quot;:&quot;helpdesk&quot;") && html.contains("&quot;from&quot;:&quot;" + from + "&quot;"), html);
        assertTrue(!html.contains("&quot;to&quot;") && !html.contains("&quot;subjectId&quot;"), "dropped, not sent: " + html);
    }

    @Test
    @TestSecurity(user = "auditor", roles = "auditor")
    void theAuditorCanLeaveStaffLookupsOutAndTheTableAndTheExportAskTheServiceAlike() {
        String shown = given().queryParam("service", "unlock-service").get("/auditor").then().statusCode(200)
                .body(containsString("<option value=\"shown\" selected>")).extract().asString();
        assertTrue(shown.contains("&quot;reads&quot;:&quot;true&quot;"), "lookups shown unless asked: " + shown);

        String hidden = given().queryParam("service", "unlock-service").queryParam("reads", "hidden").get("/auditor").then()
                .statusCode(200)
                .body(containsString("<option value=\"hidden\" selected>"))
                .body(containsString("<input type=\"hidden\" name=\"reads\" value=\"hidden\">")).extract().asString();
        assertTrue(hidden.contains("&quot;reads&quot;:&quot;false&quot;"), hidden);

        String csv = given().queryParam("service", "unlock-service").queryParam("reads", "hidden").get("/auditor/export.csv")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains("reads") && csv.contains("false"), csv);
    }

    /** A form sent as the browser sends it: with the CSRF cookie and field from the page it was on. */
    private static Response postWithCsrf(String path, String... fields) {
        Response page = given().get("/helpdesk");
        Matcher token = CSRF_FIELD.matcher(page.asString());
        assertTrue(token.find(), "the page has a CSRF field");
        var request = given().cookie("csrf-token", page.getCookie("csrf-token")).formParam("csrf-token", token.group(1));
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }
}
