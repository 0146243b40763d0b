package hu.tokenplatform.unlock.security;

import hu.tokenplatform.testkit.HostileFieldName;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 10: a staff request with a field the endpoint does not know ({@code "admin": true}) was accepted with the field
 * silently dropped. It is refused, 400 {@code unknown-field}, naming the field without echoing hostile bytes.
 */
@QuarkusTest
class UnknownFieldTest {

    @Test
    void ePinWithAnAdminFieldIsRefusedAndNoEPinIsSet() {
        String customerId = Registry.newCustomerId();
        Registry.registerUser(customerId);
        Staff.officer();

        given().contentType(ContentType.JSON).body(Map.of("ePin", Callers.E_PIN, "admin", true))
                .put("/customers/" + customerId + "/e-pin").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown-field"))
                .body("violations[0].field", equalTo("admin"))
                .body(not(containsString(Callers.E_PIN)));

        given().get("/customers/" + customerId + "/e-pin").then().statusCode(200).body("ePinSet", equalTo(false));
    }

    @Test
    void unlockCodeRequestWithAnExtraFieldIsRefusedAndNoCodeIsIssued() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        given().contentType(ContentType.JSON)
                .body(Map.of("verificationId", verificationId, "csn", caller.csn(), "random", "1234567890", "skipDailyLimit", true))
                .post("/unlock-codes").then()
                .statusCode(400)
                .body("code", equalTo("unknown-field"))
                .body("detail", containsString("skipDailyLimit"))
                .body(not(containsString(verificationId)));

        Staff.auditor();
        given().queryParam("subjectId", caller.csn()).get("/audit").then().statusCode(200)
                .body("action", not(hasItem("unlock.code-issued")));
    }

    @Test
    void hostileFieldNameIsNamedOnlySanitisedAndBounded() {
        Staff.newHelpdeskAgent();
        Map<String, Object> request = new HashMap<>(Map.of("customerId", Registry.newCustomerId(), "ePin", Callers.WRONG_E_PIN));
        request.put(HostileFieldName.NAME, true);

        Response refused = given().contentType(ContentType.JSON).body(request).post("/caller-verifications");

        HostileFieldName.assertRefusedAndNamedOnlySanitisedAndBounded(refused);
    }
}
