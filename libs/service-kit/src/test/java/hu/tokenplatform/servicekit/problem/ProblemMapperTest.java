package hu.tokenplatform.servicekit.problem;

import hu.tokenplatform.testkit.HostileFieldName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a client gets for each kind of refusal: RFC 9457 problem JSON with the stable code, never a secret. */
@QuarkusTest
class ProblemMapperTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aRefusalIsAnsweredWithItsTypeTitleStatusCodeAndDetail() {
        given().get("/test/payments/closed").then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:token-platform:problem:account-closed"))
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("code", equalTo("account-closed"))
                .body("detail", equalTo("The account is closed."))
                .body("$", not(hasKey("violations")));
    }

    @Test
    void aRefusalNamingItsSpecificsKeepsItsCodeAndGivesThatDetail() {
        given().get("/test/payments/closed/12345678").then().statusCode(409)
                .body("code", equalTo("account-closed"))
                .body("detail", equalTo("Account 12345678 is closed."));
    }

    @Test
    void aRefusalWithItsOwnTitleIsAnsweredWithThatTitle() {
        given().get("/test/payments/unsigned").then().statusCode(422)
                .body("title", equalTo("Signature not accepted"))
                .body("code", equalTo("signature-not-accepted"));
    }

    @Test
    void invalidFieldsAreEachNamedWithWhatIsWrongAndTheirValuesAreNotEchoed() {
        Map<String, Object> payee = new HashMap<>();
        payee.put("account", "12345678");
        List<Object> payees = new ArrayList<>();
        payees.add(payee);
        payees.add(null);
        Response refused = given().contentType(ContentType.JSON)
                .body(Map.of("account", "98765zz", "currency", "HUF", "payees", payees))
                .post("/test/payments");
        refused.then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("validation-failed"))
                .body("title", equalTo("Invalid request"))
                .body("detail", equalTo("One or more fields are invalid."))
                .body("violations.field", equalTo(List.of("account", "payees[1]")))
                .body("violations[0].message", equalTo("must be exactly 8 digits"));
        assertFalse(refused.asString().contains("98765zz"), "the invalid value is not echoed");
    }

    @Test
    void anInvalidPathParameterIsNamedByTheParameter() {
        Response refused = given().get("/test/payments/closed/98765zz");
        refused.then().statusCode(400)
                .body("code", equalTo("validation-failed"))
                .body("violations.field", equalTo(List.of("account")));
        assertFalse(refused.asString().contains("98765zz"), "the invalid value is not echoed");
    }

    @Test
    void aValueOutsideTheAllowedOnesIsNamedByItsFieldAndNotEchoed() {
        Response refused = given().contentType(ContentType.JSON)
                .body(Map.of("account", "12345678", "currency", "GBPXYZ", "payees", List.of(Map.of("account", "12345678"))))
                .post("/test/payments");
        refused.then().statusCode(400)
                .body("code", equalTo("validation-failed"))
                .body("violations.field", equalTo(List.of("currency")))
                .body("violations[0].message", equalTo("has a value of the wrong type or outside the allowed values"));
        assertFalse(refused.asString().contains("GBPXYZ"), "the refused value is not echoed");
    }

    @Test
    void anUnknownFieldIsRefusedAndNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("account", "12345678", "currency", "HUF", "payees", List.of(Map.of("account", "12345678")),
                        "approved", true))
                .post("/test/payments").then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("unknown-field"))
                .body("detail", equalTo("The request has a field this endpoint does not know: approved."))
                .body("violations.field", equalTo(List.of("approved")));
    }

    @Test
    void aHostileUnknownFieldIsNamedOnlySanitisedAndBounded() {
        HostileFieldName.assertRefusedAndNamedOnlySanitisedAndBounded(given().contentType(ContentType.JSON)
                .body(Map.of("account", "12345678", HostileFieldName.NAME, true))
                .post("/test/payments"));
    }

    @Test
    void withoutAnIdentityTheAnswerIs401WithABearerChallenge() {
        given().get("/test/payments/approvals").then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthenticated"))
                .body("title", equalTo("Authentication required"));
    }

    @Test
    @TestSecurity(user = "clerk.toth", roles = "clerk")
    void aRoleThatDoesNotAllowTheActionIsAnswered403() {
        given().get("/test/payments/approvals").then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("forbidden"))
                .body("detail", equalTo("Your role does not allow this action."));
    }

    @Test
    void anInternalErrorIsAnswered500WithoutItsCause() {
        Response failed = given().get("/test/payments/broken");
        failed.then().statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("internal-error"))
                .body("title", equalTo("Internal error"))
                .body("detail", equalTo("The request could not be completed."));
        String body = failed.asString();
        assertFalse(body.contains("hunter2") || body.contains("postgresql") || body.contains("IllegalStateException"),
                "the cause is not in the answer: " + body);
    }

    @Test
    void aPathThatDoesNotExistIsAProblemNamedAfterItsStatus() {
        given().get("/test/no-such-thing").then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("not-found"))
                .body("title", equalTo("Not Found"));
    }
}
