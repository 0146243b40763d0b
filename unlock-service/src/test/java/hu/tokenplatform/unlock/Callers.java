package hu.tokenplatform.unlock;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Customers as the helpdesk meets them: registered, a token handed over, an e-PIN set at the branch. */
public final class Callers {

    public static final String E_PIN = "730519";
    public static final String WRONG_E_PIN = "730518";

    public record Caller(String customerId, String csn, String ePin) {
    }

    private Callers() {
    }

    /** Leaves the requests running as the branch officer who set the e-PIN. */
    public static Caller withToken() {
        String customerId = Registry.newCustomerId();
        String csn = Registry.newCsn();
        Registry.registerUser(customerId);
        Registry.handOver(csn, customerId);
        setEPin(customerId, E_PIN).statusCode(200);
        return new Caller(customerId, csn, E_PIN);
    }

    public static ValidatableResponse setEPin(String customerId, String ePin) {
        Staff.officer();
        return given().contentType(ContentType.JSON).body(Map.of("ePin", ePin))
                .put("/customers/" + customerId + "/e-pin").then();
    }

    /** As whoever acts now. */
    public static ValidatableResponse verify(String customerId, String ePin) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customerId, "ePin", ePin))
                .post("/caller-verifications").then();
    }

    /** Verifies the caller as whoever acts now and returns the verification id. */
    public static String verified(Caller caller) {
        return verify(caller.customerId(), caller.ePin()).statusCode(201).extract().path("verificationId");
    }

    /** The verified caller's tokens, as whoever acts now. */
    public static ValidatableResponse tokens(String verificationId) {
        return given().contentType(ContentType.JSON).body(Map.of("verificationId", verificationId))
                .post("/caller-verifications/tokens").then();
    }

    public static ValidatableResponse requestCode(String verificationId, String csn, String random) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("verificationId", verificationId, "csn", csn, "random", random))
                .post("/unlock-codes").then();
    }

    /** With the agent's reason, as the staff console sends it. */
    public static ValidatableResponse requestCode(String verificationId, String csn, String random, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("verificationId", verificationId, "csn", csn, "random", random, "reason", reason))
                .post("/unlock-codes").then();
    }
}
