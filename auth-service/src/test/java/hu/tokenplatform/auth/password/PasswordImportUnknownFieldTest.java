package hu.tokenplatform.auth.password;

import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.testkit.HostileFieldName;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: a staff request with a field the endpoint does not know ({@code "admin": true}) was accepted with the field
 * silently dropped. The password import refuses it, 400 {@code unknown-field}, and imports nothing of the batch.
 */
@QuarkusTest
@TestSecurity(user = "ops.nagy", roles = "ops")
class PasswordImportUnknownFieldTest {

    @Test
    void importWithAnAdminFieldIsRefusedAndImportsNothing() {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), false);
        Map<String, Object> credential = Map.of("customerId", customerId,
                "passwordHash", PasswordLoginTest.bcrypt(PasswordLoginTest.PASSWORD), "admin", true);

        given().contentType(ContentType.JSON).body(Map.of("credentials", List.of(credential)))
                .post("/staff/password-imports").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown-field"))
                .body("detail", containsString("credentials[0].admin"))
                .body("violations[0].field", equalTo("credentials[0].admin"));

        assertTrue(QuarkusTransaction.requiringNew().call(() -> PasswordCredential.findByIdOptional(customerId)).isEmpty());
    }

    @Test
    void hostileFieldNameIsNamedOnlySanitisedAndBounded() {
        Map<String, Object> request = new HashMap<>(Map.of("credentials",
                List.of(Map.of("customerId", TestToken.newCustomerId(), "passwordHash", "x"))));
        request.put(HostileFieldName.NAME, true);

        Response refused = given().contentType(ContentType.JSON).body(request).post("/staff/password-imports");

        HostileFieldName.assertRefusedAndNamedOnlySanitisedAndBounded(refused);
    }
}
