package hu.tokenplatform.registry.token;

import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10: staff could revoke a token by hand as REPLACED, although no replacement was handed over. REPLACED is
 * recorded only by a replacement hand-over (HandOverTest covers that path); by hand it is refused.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class ManualRevocationTest {

    @Test
    void staffCannotRevokeATokenAsReplacedAndTheTokenStaysLive() {
        String[] holder = Fixtures.userWithToken(false);

        revoke(holder[1], "REPLACED")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("revocation-reason-not-allowed"));

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ISSUED"));
        given().get("/tokens/" + holder[1] + "/certificates").then().body("status", everyItem(equalTo("VALID")));
        assertEquals(0, AuditEntry.count("subjectId = ?1 and action = 'token.revoked'", holder[1]));
    }

    @Test
    void staffStillRevokeAsLostStolenOrReturned() {
        for (String reason : new String[]{"LOST", "STOLEN", "RETURNED"}) {
            String[] holder = Fixtures.userWithToken(false);
            revoke(holder[1], reason).statusCode(200).body("revocationReason", equalTo(reason));
        }
    }

    private static io.restassured.response.ValidatableResponse revoke(String csn, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/tokens/" + csn + "/revocation").then();
    }
}
