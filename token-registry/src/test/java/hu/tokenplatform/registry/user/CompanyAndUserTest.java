package hu.tokenplatform.registry.user;

import hu.tokenplatform.registry.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class CompanyAndUserTest {

    @Test
    void registeredUserIsReadBack() {
        String companyId = Fixtures.company();
        String customerId = Fixtures.customerId();

        register(customerId, companyId, List.of("ELECTRA"), true)
                .statusCode(201)
                .header("Location", endsWith("/users/" + customerId));

        given().get("/users/" + customerId).then().statusCode(200)
                .body("companyId", equalTo(companyId))
                .body("services", equalTo(List.of("ELECTRA")))
                .body("signingRight", equalTo(true))
                .body("passwordLoginEnabled", equalTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "1234567a", " 12345678", "１２３４５６７８"})
    void customerIdentifierMustBeExactlyEightDigits(String customerId) {
        register(customerId, Fixtures.company(), List.of("ELECTRA"), false)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("violations.field", hasItem("customerId"));
    }

    @Test
    void customerIdentifierIsUnique() {
        String customerId = Fixtures.user(false);
        register(customerId, Fixtures.company(), List.of("ELECTRA"), false)
                .statusCode(409).body("code", equalTo("customer-id-taken"));
    }

    @Test
    void userCannotHaveAServiceTheCompanyHasNotContracted() {
        String companyId = "CO-ONLY-" + Fixtures.csn().substring(0, 6);
        given().contentType(ContentType.JSON)
                .body(Map.of("companyId", companyId, "name", "Csak Electra Zrt.", "contracts", List.of("ELECTRA")))
                .post("/companies").then().statusCode(201);

        register(Fixtures.customerId(), companyId, List.of("E_POSTA"), false)
                .statusCode(422).body("code", equalTo("service-not-contracted"));
    }

    @Test
    void userOfAnUnknownCompanyIsRefused() {
        register(Fixtures.customerId(), "CO-NOPE-0000", List.of("ELECTRA"), false)
                .statusCode(404).body("code", equalTo("company-not-found"));
    }

    @Test
    void oversizedAndUnknownValuesAreRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("customerId", Fixtures.customerId(), "name", "x".repeat(201), "companyId", Fixtures.company(),
                        "services", List.of("ELECTRA"), "signingRight", false))
                .post("/users").then().statusCode(400).body("violations.field", hasItem("name"));
        given().contentType(ContentType.JSON)
                .body(Map.of("customerId", Fixtures.customerId(), "name", "Kovács Éva", "companyId", Fixtures.company(),
                        "services", List.of("NETBANK"), "signingRight", false))
                .post("/users").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("services[0]"));
    }

    @Test
    void malformedJsonIsAProblemNotACrash() {
        given().contentType(ContentType.JSON).body("{\"customerId\": ")
                .post("/users").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void unknownUserIsNotFound() {
        given().get("/users/" + Fixtures.customerId()).then().statusCode(404).body("code", equalTo("user-not-found"));
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCanReadButNotRegister() {
        register(Fixtures.customerId(), "CO-1", List.of("ELECTRA"), false).statusCode(403);
        given().get("/users/" + Fixtures.customerId()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "auditor.szabo", roles = "auditor")
    void auditorCannotReadUsers() {
        given().get("/users/12345678").then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse register(String customerId, String companyId,
                                                                        List<String> services, boolean signingRight) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "name", "Kovács Éva", "companyId", companyId,
                        "services", services, "signingRight", signingRight))
                .post("/users").then();
    }
}
