package hu.tokenplatform.registry.lookup;

import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.servicekit.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff reads of a customer's personal data are audited as changes are: who looked up which user, whose tokens, which
 * token and its certificates; also a lookup that finds nothing, and whoever the staff member is. The entries name
 * what was asked for, nothing of what was shown.
 */
@QuarkusTest
class StaffLookupsAuditTest {

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void anOfficersLookupsOfAUserAndTheirTokenAreAuditedUnderTheOfficer() {
        String[] holder = Fixtures.userWithToken(false);
        String customerId = holder[0];
        String csn = holder[1];

        given().get("/users/" + customerId).then().statusCode(200);
        given().queryParam("customerId", customerId).get("/tokens").then().statusCode(200);
        given().get("/tokens/" + csn).then().statusCode(200);
        given().get("/tokens/" + csn + "/certificates").then().statusCode(200);

        given().queryParam("subjectId", customerId).queryParam("actor", "officer.kiss").get("/audit").then().statusCode(200)
                .body("action", hasItems(StaffLookups.USER_VIEWED, StaffLookups.USER_TOKENS_VIEWED))
                .body("findAll { it.action.endsWith('viewed') }.details", everyItem(equalTo("{}")))
                .body("findAll { it.action.endsWith('viewed') }.subjectType", everyItem(equalTo("user")));
        given().queryParam("subjectId", csn).queryParam("actor", "officer.kiss").get("/audit").then().statusCode(200)
                .body("action", hasItems(StaffLookups.TOKEN_VIEWED, StaffLookups.TOKEN_CERTIFICATES_VIEWED))
                .body("findAll { it.action.endsWith('viewed') }.subjectType", everyItem(equalTo("token")));
        given().get("/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void theAuditorCanLeaveReadsOutToSeeWhatWasDone() {
        String[] holder = Fixtures.userWithToken(false);
        given().get("/users/" + holder[0]).then().statusCode(200);

        given().queryParam("subjectId", holder[0]).queryParam("reads", false).get("/audit").then().statusCode(200)
                .body("action", hasItems("user.registered", "user.identified"))
                .body("action", everyItem(not(endsWith(AuditLog.READ_ACTION_SUFFIX))));
        given().queryParam("subjectId", holder[0]).get("/audit").then().statusCode(200)
                .body("action", hasItems("user.registered", StaffLookups.USER_VIEWED));
        for (String read : List.of(StaffLookups.USER_VIEWED, StaffLookups.USER_TOKENS_VIEWED, StaffLookups.TOKEN_VIEWED,
                StaffLookups.TOKEN_CERTIFICATES_VIEWED)) {
            assertTrue(read.endsWith(AuditLog.READ_ACTION_SUFFIX), read + " is told apart as a read");
        }
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void aLookupThatFindsNobodyIsRefusedAndStillAudited() {
        String nobody = Fixtures.customerId();
        String noToken = Fixtures.csn();

        given().get("/users/" + nobody).then().statusCode(404);
        given().get("/tokens/" + noToken).then().statusCode(404);

        given().queryParam("subjectId", nobody).get("/audit").then().statusCode(200)
                .body("action", hasItem(StaffLookups.USER_VIEWED))
                .body("actor", everyItem(equalTo("officer.kiss")));
        given().queryParam("subjectId", noToken).get("/audit").then().statusCode(200)
                .body("action", hasItem(StaffLookups.TOKEN_VIEWED));
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = {"ops", "auditor"})
    void anOperatorsLookupIsAuditedUnderTheOperator() {
        String csn = Fixtures.csn();

        given().get("/tokens/" + csn).then().statusCode(404);
        given().get("/tokens/" + csn + "/certificates").then().statusCode(404);

        given().queryParam("subjectId", csn).get("/audit").then().statusCode(200)
                .body("action", hasItems(StaffLookups.TOKEN_VIEWED, StaffLookups.TOKEN_CERTIFICATES_VIEWED))
                .body("actor", everyItem(equalTo("ops.nagy")));
    }
}
