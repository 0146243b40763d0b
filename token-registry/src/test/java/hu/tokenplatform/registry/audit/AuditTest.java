package hu.tokenplatform.registry.audit;

import hu.tokenplatform.registry.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class AuditTest {

    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void everyStaffActionIsAuditedWithItsActor() {
        String[] holder = Fixtures.userWithToken(false);

        given().queryParam("subjectId", holder[1]).get("/audit").then().statusCode(200)
                .body("action", hasItems("token.handed-over", "certificate.issued"))
                .body("actor", everyItem(equalTo("officer.kiss")));
        given().queryParam("subjectId", holder[0]).get("/audit").then().statusCode(200)
                .body("action", hasItems("user.registered", "user.identified"))
                .body("details", everyItem(not(containsString("123456AB"))));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void auditLogIsAnIntactHashChain() {
        Fixtures.userWithToken(true);
        given().get("/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void databaseRefusesToChangeOrDeleteAuditEntries() {
        assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update audit_entry set actor = 'someone.else'").executeUpdate()));
        assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("delete from audit_entry").executeUpdate()));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = "branch-officer")
    void onlyAuditorsReadTheAuditLog() {
        given().get("/audit").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCannotReadTheAuditLog() {
        given().get("/audit/verification").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "auditor.szabo", roles = "auditor")
    void auditQueryIsBounded() {
        given().queryParam("limit", 100_000).get("/audit").then().statusCode(400);
        given().queryParam("subjectId", "x' or 1=1 --").get("/audit").then().statusCode(400);
    }
}
