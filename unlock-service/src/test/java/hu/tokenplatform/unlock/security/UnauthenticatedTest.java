package hu.tokenplatform.unlock.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without a bearer token nothing but health, metrics and the API description answers. */
@QuarkusTest
class UnauthenticatedTest {

    @Test
    void everyStaffEndpointNeedsABearerToken() {
        given().contentType(ContentType.JSON).body(Map.of("ePin", "730519")).put("/customers/12345678/e-pin")
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "12345678", "ePin", "730519"))
                .post("/caller-verifications").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("verificationId", "x", "csn", "0A1B2C3D", "random", "1234567890"))
                .post("/unlock-codes").then().statusCode(401);
        given().get("/audit").then().statusCode(401);
    }
}
