package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.events.Topics;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class EPinTest {

    @Test
    void officerSetsAnEPinThatIsStoredOnlyAsAnArgon2idHash() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);

        Callers.setEPin(customerId, "730519").statusCode(200)
                .body("customerId", equalTo(customerId))
                .body("ePinSet", equalTo(true))
                .body("locked", equalTo(false))
                .body("setBy", equalTo("officer.kiss"))
                .body("ePin", nullValue())
                .body(not(containsString("730519")))
                .body(not(containsString("argon2")));

        String hash = QuarkusTransaction.requiringNew().call(() -> EPin.<EPin>findById(customerId).hash);
        assertTrue(hash.startsWith("$argon2id$v=19$m=256,t=1,p=1$"), hash);
        assertFalse(hash.contains("730519"));
    }

    @Test
    void sameEPinOfTwoCustomersGivesTwoDifferentHashes() {
        String first = Registry.newCustomerId();
        String second = Registry.newCustomerId();
        Registry.registerUser(first);
        Registry.registerUser(second);

        Callers.setEPin(first, "730519").statusCode(200);
        Callers.setEPin(second, "730519").statusCode(200);

        assertNotEquals(QuarkusTransaction.requiringNew().call(() -> EPin.<EPin>findById(first).hash),
                QuarkusTransaction.requiringNew().call(() -> EPin.<EPin>findById(second).hash));
    }

    @Test
    void statusNeverShowsTheEPin() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        given().get("/customers/" + customerId + "/e-pin").then().statusCode(200)
                .body("ePinSet", equalTo(false)).body("failedAttempts", equalTo(0));

        Callers.setEPin(customerId, "730519").statusCode(200);

        given().get("/customers/" + customerId + "/e-pin").then().statusCode(200)
                .body("ePinSet", equalTo(true)).body("setAt", notNullValue())
                .body(not(containsString("730519")));
    }

    @Test
    void ePinOfACustomerTheRegistryHasNotReportedIsRefused() {
        String unknown = Registry.newCustomerId();
        Callers.setEPin(unknown, "730519").statusCode(404).body("code", equalTo("customer-not-found"));
        given().get("/customers/" + unknown + "/e-pin").then().statusCode(404).body("code", equalTo("customer-not-found"));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void readingAnEPinStatusIsAuditedUnderTheOfficerAlsoForACustomerNobodyKnows() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        String unknown = Registry.newCustomerId();

        given().get("/customers/" + customerId + "/e-pin").then().statusCode(200);
        given().get("/customers/" + unknown + "/e-pin").then().statusCode(404);

        for (String subject : new String[]{customerId, unknown}) {
            given().queryParam("subjectId", subject).get("/audit").then().statusCode(200)
                    .body("action", hasItem(EPinService.STATUS_VIEWED))
                    .body("find { it.action == '" + EPinService.STATUS_VIEWED + "' }.actor", equalTo("officer.kiss"))
                    .body("find { it.action == '" + EPinService.STATUS_VIEWED + "' }.details", equalTo("{}"));
        }
        // A read, so the auditor can leave it out.
        given().queryParam("subjectId", customerId).queryParam("reads", false).get("/audit").then().statusCode(200)
                .body("action", not(hasItem(EPinService.STATUS_VIEWED)));
    }

    @Test
    void easilyGuessedEPinsAreRefused() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        for (String weak : new String[]{"000000", "777777", "123456", "567890", "654321", "012345"}) {
            Callers.setEPin(customerId, weak).statusCode(422).body("code", equalTo("weak-e-pin"))
                    .body(not(containsString(weak)));
        }
    }

    @Test
    void malformedEPinOrCustomerIdIsRefusedWithoutEchoingIt() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        for (String malformed : new String[]{"73051", "7305199", "73O519", "７３０５１９", " 730519", ""}) {
            Callers.setEPin(customerId, malformed).statusCode(400).body("code", equalTo("validation-failed"))
                    .body("violations.field", hasItem("ePin"));
        }
        given().contentType(ContentType.JSON).body(Map.of()).put("/customers/" + customerId + "/e-pin").then().statusCode(400);
        Callers.setEPin("1234567", "730519").statusCode(400);
        Callers.setEPin("123456789", "730519").statusCode(400);
    }

    @Test
    void settingAnEPinIsPublishedWithoutTheEPin() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        try (TopicProbe probe = TopicProbe.subscribe(Registry.observer(), Topics.UNLOCK_EVENTS)) {
            Callers.setEPin(customerId, "730519").statusCode(200);
            Callers.setEPin(customerId, "802731").statusCode(200);

            var events = probe.awaitCount(r -> customerId.equals(r.key()) && r.value().contains("\"e-pin.set\""), 2, Registry.WAIT);
            assertTrue(events.get(0).value().contains("\"replaced\":false"));
            assertTrue(events.get(1).value().contains("\"replaced\":true"));
            assertTrue(events.get(1).value().contains("\"actor\":\"officer.kiss\""));
            events.forEach(e -> assertFalse(e.value().contains("730519") || e.value().contains("802731") || e.value().contains("argon2")));
        }
    }

    @Test
    void onlyBranchOfficersSetOrReadEPins() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        for (String role : new String[]{"helpdesk", "auditor", "ops"}) {
            Staff.actAs("someone." + role, role);
            given().contentType(ContentType.JSON).body(Map.of("ePin", "730519"))
                    .put("/customers/" + customerId + "/e-pin").then().statusCode(403).body("code", equalTo("forbidden"));
            given().get("/customers/" + customerId + "/e-pin").then().statusCode(403);
        }
    }
}
