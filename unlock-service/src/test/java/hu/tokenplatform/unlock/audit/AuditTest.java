package hu.tokenplatform.unlock.audit;

import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class AuditTest {

    @Inject
    EntityManager em;

    @Test
    void everyHelpdeskActionIsAuditedWithTheAgent() {
        Caller caller = Callers.withToken();
        Caller other = Callers.withToken();
        String agent = Staff.newHelpdeskAgent();
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        String verificationId = Callers.verified(caller);
        String code = Callers.requestCode(verificationId, caller.csn(), "4815162342").statusCode(200).extract().path("code");
        Callers.requestCode(verificationId, other.csn(), "4815162342").statusCode(422);

        Staff.auditor();
        given().queryParam("subjectId", caller.customerId()).get("/audit").then().statusCode(200)
                .body("action", contains("caller.verified", "caller.verification-failed", "e-pin.set"))
                .body("actor", contains(agent, agent, "officer.kiss"))
                .body("details", everyItem(not(containsString(Callers.E_PIN))))
                .body("details", everyItem(not(containsString(Callers.WRONG_E_PIN))));
        given().queryParam("subjectId", caller.csn()).get("/audit").then().statusCode(200)
                .body("action", contains("unlock.code-issued"))
                .body("actor", contains(agent))
                .body("details", everyItem(not(containsString(code.replace(" ", "")))))
                .body("details", everyItem(not(containsString(verificationId))));
        given().queryParam("subjectId", other.csn()).get("/audit").then().statusCode(200)
                .body("action", contains("unlock.refused"))
                .body("details[0]", containsString("CSN_NOT_CALLERS"));
    }

    @Test
    void theAgentsReasonForACodeIsKeptInTheAuditEntry() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        Callers.requestCode(Callers.verified(caller), caller.csn(), "4815162342",
                "  Locked after five wrong PINs; caller identified by e-PIN  ").statusCode(200);

        Staff.auditor();
        given().queryParam("subjectId", caller.csn()).get("/audit").then().statusCode(200)
                .body("action", contains("unlock.code-issued"))
                .body("details[0]", containsString("\"agentReason\":\"Locked after five wrong PINs; caller identified by e-PIN\""));
    }

    @Test
    void aReasonOnMoreThanOneLineOrTooLongIsRefusedBeforeAnythingIsComputed() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        Callers.requestCode(verificationId, caller.csn(), "4815162342", "forged\nsecond line").statusCode(400)
                .body("code", equalTo("validation-failed")).body("violations[0].field", equalTo("reason"));
        Callers.requestCode(verificationId, caller.csn(), "4815162342", "x".repeat(201)).statusCode(400)
                .body("violations[0].field", equalTo("reason"));

        Staff.auditor();
        given().queryParam("subjectId", caller.csn()).get("/audit").then().statusCode(200)
                .body("action", not(hasItem("unlock.code-issued")));
    }

    @Test
    void unknownCustomerIdsAreAuditedForTheAuditorsEyesOnly() {
        String unknown = Registry.newCustomerId();
        Staff.newHelpdeskAgent();
        Callers.verify(unknown, Callers.E_PIN).statusCode(422);

        Staff.auditor();
        given().queryParam("subjectId", unknown).get("/audit").then().statusCode(200)
                .body("details[0]", containsString("UNKNOWN_CUSTOMER"));
    }

    @Test
    void theAuditorFiltersByActorAndTimeWindowBeforeTheLimitIsApplied() {
        Caller caller = Callers.withToken();
        String agent = Staff.newHelpdeskAgent();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Callers.verified(caller);
        Instant after = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        // Other actors' entries newer than the agent's: a limit applied before the actor filter would hide the agent's.
        for (int i = 0; i < 3; i++) {
            Callers.withToken();
        }

        Staff.auditor();
        given().queryParam("actor", agent).queryParam("limit", 1).get("/audit").then().statusCode(200)
                .body("actor", contains(agent)).body("action", contains("caller.verified"));
        given().queryParam("actor", agent).queryParam("from", before.toString()).queryParam("to", after.toString())
                .get("/audit").then().statusCode(200).body("action", contains("caller.verified"));
        given().queryParam("actor", agent).queryParam("to", before.toString())
                .get("/audit").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("subjectId", caller.customerId()).queryParam("actor", "officer.kiss")
                .get("/audit").then().statusCode(200).body("action", contains("e-pin.set"));
    }

    @Test
    void malformedAuditFiltersAreRefused() {
        Staff.auditor();
        for (String[] filter : new String[][]{{"from", "yesterday"}, {"to", "2026-02-30T10:00:00Z"}, {"from", "2026-12-07T10:00:00+01:00"},
                {"actor", "x' or '1'='1"}, {"actor", "a".repeat(65)}}) {
            given().queryParam(filter[0], filter[1]).get("/audit").then().statusCode(400)
                    .body("code", equalTo("validation-failed"));
        }
    }

    @Test
    void auditLogIsAnIntactHashChain() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        Callers.requestCode(Callers.verified(caller), caller.csn(), "4815162342").statusCode(200);

        Staff.auditor();
        given().get("/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void databaseRefusesToChangeOrDeleteAuditEntries() {
        Callers.withToken();
        for (String statement : List.of("update audit_entry set actor = 'someone.else'", "delete from audit_entry",
                "truncate audit_entry")) {
            assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery(statement).executeUpdate()), statement);
        }
    }

    @Test
    void onlyAuditorsReadTheAuditLog() {
        Callers.withToken();
        for (String role : new String[]{"helpdesk", "branch-officer", "ops"}) {
            Staff.actAs("someone." + role, role);
            given().get("/audit").then().statusCode(403);
            given().get("/audit/verification").then().statusCode(403);
        }
        Staff.auditor();
        given().get("/audit").then().statusCode(200).body("action", hasItems("e-pin.set"));
    }
}
