package hu.tokenplatform.registry;

import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Builds the registry state a test needs through the public API, with identifiers unique to the test run.
 * Calls need a branch officer identity on the calling test method.
 */
public final class Fixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger NEXT_CUSTOMER = new AtomicInteger(10_000_000 + RANDOM.nextInt(80_000_000));
    private static final AtomicInteger NEXT_COMPANY = new AtomicInteger(RANDOM.nextInt(1_000_000));

    private Fixtures() {
    }

    public static String customerId() {
        return String.valueOf(NEXT_CUSTOMER.getAndIncrement());
    }

    public static String csn() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    public static String company() {
        String companyId = "CO-" + NEXT_COMPANY.getAndIncrement();
        given().contentType(ContentType.JSON)
                .body(Map.of("companyId", companyId, "name", "Példa, Kft.", "contracts", List.of("ELECTRA", "E_POSTA")))
                .post("/companies").then().statusCode(201);
        return companyId;
    }

    public static String user(boolean signingRight) {
        String customerId = customerId();
        given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "name", "Kovács Éva", "companyId", company(),
                        "services", List.of("ELECTRA", "E_POSTA"), "signingRight", signingRight))
                .post("/users").then().statusCode(201);
        return customerId;
    }

    public static String tokenInStock() {
        String csn = csn();
        given().contentType(ContentType.JSON)
                .body(Map.of("deliveryReference", "DLV-" + csn, "model", "SafeNet eToken 5110", "csns", List.of(csn)))
                .post("/tokens/stock").then().statusCode(200);
        return csn;
    }

    public static Map<String, Object> identification() {
        return Map.of("documentType", "ID_CARD", "documentNumber", "123456AB");
    }

    /** A hand-over with a fresh login key (and {@code signingCsr} if given), each attested by the token {@code csn}. */
    public static Map<String, Object> handOverRequest(String customerId, String csn, String signingCsr) {
        return handOverRequest(customerId, csn, Csrs.ecP256(), signingCsr);
    }

    /** A hand-over of these CSRs, each with the attestation of the token {@code csn}, as Token Manager writes them. */
    public static Map<String, Object> handOverRequest(String customerId, String csn, String loginCsr, String signingCsr) {
        var request = new java.util.HashMap<String, Object>(Map.of(
                "customerId", customerId, "csn", csn, "identification", identification(),
                "branch", "BUD-01", "loginCsr", loginCsr,
                "loginAttestation", TestTokenFactory.device(csn).attest(KeyPurpose.LOGIN, loginCsr)));
        if (signingCsr != null) {
            request.put("signingCsr", signingCsr);
            request.put("signingAttestation", TestTokenFactory.device(csn).attest(KeyPurpose.SIGNING, signingCsr));
        }
        return request;
    }

    public static ValidatableResponse handOver(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/hand-overs").then();
    }

    /** A user without signing right holding a freshly handed-over token; returns {customerId, csn}. */
    public static String[] userWithToken(boolean signingRight) {
        String customerId = user(signingRight);
        String csn = tokenInStock();
        handOver(handOverRequest(customerId, csn, signingRight ? Csrs.ecP256() : null)).statusCode(201);
        return new String[]{customerId, csn};
    }
}
