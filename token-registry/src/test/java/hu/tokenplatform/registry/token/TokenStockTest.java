package hu.tokenplatform.registry.token;

import hu.tokenplatform.registry.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class TokenStockTest {

    @Test
    void importIsIdempotent() {
        String a = Fixtures.csn();
        String b = Fixtures.csn();
        String delivery = "DLV-" + a;

        importStock(delivery, List.of(a, b, a))
                .statusCode(200).body("received", equalTo(2)).body("added", equalTo(List.of(a, b))).body("alreadyKnown", equalTo(0));
        importStock(delivery, List.of(a, b))
                .statusCode(200).body("added", empty()).body("alreadyKnown", equalTo(2));

        given().get("/tokens/" + a).then().statusCode(200).body("state", equalTo("IN_STOCK")).body("model", equalTo("SafeNet eToken 5110"));
    }

    @Test
    void reImportingAHandedOverTokenLeavesItAlone() {
        String[] holder = Fixtures.userWithToken(false);

        importStock("DLV-again", List.of(holder[1])).statusCode(200).body("alreadyKnown", equalTo(1));
        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ISSUED"));
    }

    @Test
    void knownCsnUnderAnotherModelIsAConflict() {
        String csn = Fixtures.tokenInStock();
        given().contentType(ContentType.JSON)
                .body(Map.of("deliveryReference", "DLV-x", "model", "Other model", "csns", List.of(csn)))
                .post("/tokens/stock").then().statusCode(409).body("code", equalTo("csn-model-mismatch"));
    }

    @Test
    void malformedCsnsAreRefused() {
        importStock("DLV-bad", List.of("0a1b2c3d", "0A1B", "0A1B2C3D0A1B2C3D0", "0A1B-2C3D"))
                .statusCode(400).body("code", equalTo("validation-failed"))
                .body("violations.field", hasItem("csns[0]"));
    }

    @Test
    void deliveriesAreBounded() {
        List<String> tooMany = Collections.nCopies(TokenResource.MAX_CSNS_PER_DELIVERY + 1, "0A1B2C3D");
        importStock("DLV-huge", tooMany).statusCode(400).body("violations.field", hasItem("csns"));
        importStock("DLV-empty", List.of()).statusCode(400);
    }

    @Test
    void unknownTokenIsNotFoundAndMalformedCsnIsRefused() {
        given().get("/tokens/" + Fixtures.csn()).then().statusCode(404).body("code", equalTo("token-not-found"));
        given().get("/tokens/not-a-csn").then().statusCode(400);
    }

    @Test
    void tokensOfAUserAreListed() {
        String[] holder = Fixtures.userWithToken(false);
        given().queryParam("customerId", holder[0]).get("/tokens").then().statusCode(200)
                .body("csn", equalTo(List.of(holder[1])));
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCannotImportStock() {
        importStock("DLV-ops", List.of("0A1B2C3D")).statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse importStock(String delivery, List<String> csns) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("deliveryReference", delivery, "model", "SafeNet eToken 5110", "csns", csns))
                .post("/tokens/stock").then();
    }
}
