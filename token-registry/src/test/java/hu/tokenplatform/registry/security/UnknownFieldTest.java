package hu.tokenplatform.registry.security;

import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.registry.lookup.StaffLookups;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import hu.tokenplatform.testkit.HostileFieldName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10: a staff request with a field the endpoint does not know ({@code "admin": true}) was accepted (201) with the
 * field silently dropped. It is refused, 400 {@code unknown-field}, naming the field without echoing hostile bytes.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class UnknownFieldTest {

    @Test
    void userRegistrationWithAnAdminFieldIsRefusedAndCreatesNoUser() {
        String customerId = Fixtures.customerId();
        Map<String, Object> user = new HashMap<>(Map.of("customerId", customerId, "name", "Kovács Éva",
                "companyId", Fixtures.company(), "services", List.of("ELECTRA"), "signingRight", false));
        user.put("admin", true);

        given().contentType(ContentType.JSON).body(user).post("/users").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown-field"))
                .body("detail", containsString("admin"))
                .body("violations[0].field", equalTo("admin"));

        assertEquals(0, AuditEntry.count("subjectId", customerId), "nothing was done, so nothing is audited");
        // Looking the user up finds nobody; the lookup itself is audited, nothing else.
        given().get("/users/" + customerId).then().statusCode(404);
        assertEquals(1, AuditEntry.count("subjectId = ?1 and action = ?2", customerId, StaffLookups.USER_VIEWED));
        assertEquals(1, AuditEntry.count("subjectId", customerId));
    }

    @Test
    void unknownFieldDeepInAHandOverIsRefusedAndTheTokenStaysInStock() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> request = new HashMap<>(Fixtures.handOverRequest(customerId, csn, null));
        request.put("identification", Map.of("documentType", "ID_CARD", "documentNumber", "123456AB", "verifiedBy", "nobody"));

        Fixtures.handOver(request).statusCode(400)
                .body("code", equalTo("unknown-field"))
                .body("violations[0].field", equalTo("identification.verifiedBy"));

        given().get("/tokens/" + csn).then().statusCode(200).body("state", equalTo("IN_STOCK"));
    }

    @Test
    void hostileFieldNameIsNamedOnlySanitisedAndBounded() {
        Map<String, Object> stock = new HashMap<>(Map.of("deliveryReference", "DLV-hostile", "model", "SafeNet eToken 5110",
                "csns", List.of(Fixtures.csn())));
        stock.put(HostileFieldName.NAME, true);

        Response refused = given().contentType(ContentType.JSON).body(stock).post("/tokens/stock");

        HostileFieldName.assertRefusedAndNamedOnlySanitisedAndBounded(refused);
    }
}
