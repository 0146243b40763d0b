package hu.tokenplatform.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Ops screen without Keycloak, over the stubs of {@code ops/OpsStubs}: token-registry ready, unlock-service not
 * ready, auth-service not reachable, Prometheus answering.
 */
@QuarkusTest
class OpsPagesTest {

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void anOperatorSeesEachServicesReadinessAndAnUnreachableOneAsSuchNotAsZero() {
        String page = given().get("/ops").then().statusCode(200)
                .body(containsString("id=\"menu-ops\" href=\"/ops\""))
                .extract().asString();
        assertEquals("UP", row(page, "service-token-registry", "data-health"));
        assertEquals("DOWN", row(page, "service-unlock-service", "data-health"));
        assertEquals("UNREACHABLE", row(page, "service-auth-service", "data-health"));
        assertTrue(page.contains("Kafka broker: DOWN"), "the failing check is named");
        // auth-service's own numbers are missing, with why; never a 0 in their place.
        assertTrue(cell(page, "crl").contains("— <span class=\"hint\">nem elérhető</span>"), cell(page, "crl"));
        assertEquals("—", cell(page, "backlog-auth-service"));
        assertEquals("—", cell(page, "lag-auth-service"));
        assertEquals("—", cell(page, "dead-letters-auth-service"));
        assertTrue(cell(page, "service-auth-service").contains("<span class=\"unknown\">nem elérhető</span>"), cell(page, "service-auth-service"));
        assertEquals("critical", row(page, "ops-headline", "data-level"));
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void tokensBacklogLagAndDeadLettersAreShownAndWhatIsPastAnAlertThresholdIsMarked() {
        String page = given().get("/ops").then().statusCode(200).extract().asString();
        String tokens = cell(page, "tokens-by-state");
        // States in the page's language, as the branch screen names them; the registry's name kept for scripts.
        assertTrue(tokens.contains("<td data-state=\"ACTIVE\">használatban</td><td class=\"num\">3</td>")
                && tokens.contains("<td data-state=\"REVOKED\">visszavonva</td><td class=\"num\">0</td>"), tokens);
        // ConsumerLagHigh is above 100 records; the NaN of an unassigned partition is not the maximum.
        assertEquals("250<br><span class=\"hint\">kafka-consumer-unlock-events</span>", cell(page, "lag-token-registry"));
        assertEquals("num warning", row(page, "lag-token-registry", "class"));
        assertEquals("12", cell(page, "backlog-unlock-service"));
        assertEquals("num warning", row(page, "backlog-unlock-service", "class"));
        assertEquals("0", cell(page, "backlog-token-registry"));
        assertEquals("num ok", row(page, "backlog-token-registry", "class"));
        // Records waiting in a dead-letter topic are events a service did not apply (DeadLetterRecordsWaiting).
        assertEquals("2<br><span class=\"hint\">unlock-service.dlq</span>", cell(page, "dead-letters-unlock-service"));
        assertEquals("num warning", row(page, "dead-letters-unlock-service", "class"));
        assertEquals("0<br><span class=\"hint\">token-registry.dlq</span>", cell(page, "dead-letters-token-registry"));
        assertEquals("num ok", row(page, "dead-letters-token-registry", "class"));
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void ratesComeFromPrometheusWhenItIsConfiguredAndTheUnlockSpikeIsMarked() {
        String page = given().get("/ops").then().statusCode(200).extract().asString();
        assertEquals("prometheus", row(page, "logins-source", "data-source"));
        assertTrue(cell(page, "logins-succeeded").equals("12.5"), cell(page, "logins-succeeded"));
        assertTrue(cell(page, "logins-failed").equals("3.2"), cell(page, "logins-failed"));
        // certificate-revoked is 3 of 15.5 token logins a minute: more than TokenLoginFailureRatioHigh's 10%.
        assertTrue(page.contains("<tr class=\"warning\"><td>TOKEN</td><td>sikertelen</td><td>certificate-revoked</td><td class=\"num\">3</td></tr>"), page);
        assertTrue(page.contains("<tr class=\"ok\"><td>PASSWORD</td><td>sikertelen</td><td>invalid-credentials</td><td class=\"num\">0.2</td></tr>"), page);
        assertEquals("warning", row(page, "codes-issued", "class"), "31 Codes in an hour: UnlockCodeSpike");
        assertTrue(cell(page, "codes-issued").contains("<td class=\"num\">31</td>"));
        assertTrue(cell(page, "e-pin-lockouts").contains("<td class=\"num\">2</td>"), "a lockout is whole: " + cell(page, "e-pin-lockouts"));
        // Prometheus' empty answer for the locked-e-PIN verifications is shown as missing, not as 0.
        assertEquals("unknown", row(page, "locked-verifications", "class"));
        assertTrue(cell(page, "locked-verifications").contains("<td class=\"num\">—</td>"), cell(page, "locked-verifications"));
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void theLivePartRefreshesItselfEveryTenSecondsWithoutInlineScriptOrStyle() {
        Response page = given().get("/ops");
        String html = page.asString();
        assertTrue(Pattern.compile("<div id=\"ops-live\" class=\"ops-live\" hx-get=\"/ops/live\\?loadedAt=[0-9]+\" hx-trigger=\"every 10s\" hx-swap=\"outerHTML\">")
                .matcher(html).find(), html);
        assertTrue(!html.contains("<script>") && !html.contains("style=") && !html.contains(" on"), "inline script or style");
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
        given().get("/ops/live").then().statusCode(200)
                .body(containsString("<div id=\"ops-live\""))
                .body(containsString("id=\"service-token-registry\""))
                .body(not(containsString("<html")));
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void anOpsScreenLeftOpenStopsRefreshingItselfSoThatTheUnattendedSessionEndsAsUsual() {
        long now = Instant.now().getEpochSecond();
        given().queryParam("loadedAt", now - 60).get("/ops/live").then().statusCode(200)
                .body(containsString("hx-get=\"/ops/live?loadedAt=" + (now - 60) + "\" hx-trigger=\"every 10s\""));
        for (String stale : new String[]{String.valueOf(now - 16 * 60), String.valueOf(now + 3600), "", "yesterday"}) {
            given().queryParam("loadedAt", stale).get("/ops/live").then()
                    .body(not(containsString("hx-trigger")))
                    .body(containsString("id=\"ops-paused\""));
        }
        given().get("/ops/live").then().body(not(containsString("hx-trigger")));
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void theOperatorReadsItInEnglishToo() {
        given().cookie("console-lang", "en").get("/ops").then().statusCode(200)
                .body(containsString("Operations: the platform at a glance"))
                .body(containsString("NOT REACHABLE"))
                .body(containsString("From Prometheus: the rate over the last 5 minutes"));
        given().redirects().follow(false).get("/language?lang=en&back=/ops").then().statusCode(303)
                .header("Location", containsString("/ops"));
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aHelpdeskAgentIsKeptOutOfTheOpsScreenAndItsLivePart() {
        given().get("/ops").then().statusCode(403).body(containsString("id=\"forbidden\""));
        given().get("/ops/live").then().statusCode(403);
        given().get("/").then().body(not(containsString("menu-ops")));
    }

    @Test
    @TestSecurity(user = "auditor", roles = "auditor")
    void anAuditorIsKeptOutOfTheOpsScreen() {
        given().get("/ops").then().statusCode(403);
    }

    /** An attribute of the element with the id. */
    private static String row(String page, String id, String attribute) {
        Matcher element = Pattern.compile("<[a-z]+[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(page);
        assertTrue(element.find(), id);
        Matcher value = Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(element.group());
        assertTrue(value.find(), id + " " + attribute);
        return value.group(1);
    }

    /** The inner HTML of the element with the id (no nested element of the same tag). */
    private static String cell(String page, String id) {
        Matcher element = Pattern.compile("<([a-z]+) id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(page);
        assertTrue(element.find(), id);
        return element.group(2).replaceAll("\\s+", " ").strip();
    }
}
