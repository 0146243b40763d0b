package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.Csrs;
import hu.tokenplatform.registry.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static hu.tokenplatform.registry.Fixtures.handOver;
import static hu.tokenplatform.registry.Fixtures.handOverRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class HandOverTest {

    @Inject
    EntityManager em;

    @Test
    void userWithoutSigningRightGetsOnlyALoginCertificate() throws Exception {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();

        List<String> pems = handOver(handOverRequest(customerId, csn, null))
                .statusCode(201)
                .body("csn", equalTo(csn))
                .body("state", equalTo("ISSUED"))
                .body("certificates", hasSize(1))
                .body("certificates[0].usage", equalTo("LOGIN"))
                .body("caChainPem", containsString("BEGIN CERTIFICATE"))
                .extract().path("certificates.pem");

        X509Certificate login = parse(pems.get(0));
        X500Name subject = X500Name.getInstance(login.getSubjectX500Principal().getEncoded());
        assertEquals(csn, rdn(subject, BCStyle.SERIALNUMBER));
        assertEquals(customerId, rdn(subject, BCStyle.UID));
        assertEquals("Példa, Kft.", rdn(subject, BCStyle.O));
        assertTrue(login.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertTrue(login.getKeyUsage()[0], "digitalSignature");
    }

    @Test
    void userWithSigningRightGetsLoginAndSigningCertificates() throws Exception {
        String customerId = Fixtures.user(true);
        String csn = Fixtures.tokenInStock();

        List<String> pems = handOver(handOverRequest(customerId, csn, Csrs.ecP256()))
                .statusCode(201)
                .body("certificates.usage", contains("LOGIN", "SIGNING"))
                .extract().path("certificates.pem");

        X509Certificate signing = parse(pems.get(1));
        assertTrue(signing.getKeyUsage()[1], "nonRepudiation / contentCommitment");
        assertFalse(signing.getKeyUsage()[0], "no digitalSignature: the signing key cannot log in");
        assertNull(signing.getExtendedKeyUsage(), "no clientAuth on a signing certificate");
    }

    @Test
    void signingCertificateIsRefusedWithoutSigningRight() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();

        handOver(handOverRequest(customerId, csn, Csrs.ecP256()))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("no-signing-right"));
        tokenState(csn, "IN_STOCK");
    }

    @Test
    void userWithSigningRightMustBringTheSigningCsr() {
        String customerId = Fixtures.user(true);
        String csn = Fixtures.tokenInStock();

        handOver(handOverRequest(customerId, csn, null)).statusCode(422).body("code", equalTo("signing-csr-required"));
    }

    @Test
    void handOverWithoutPersonalIdentificationIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(customerId, csn, null);
        request.remove("identification");

        handOver(request)
                .statusCode(400)
                .body("code", equalTo("validation-failed"))
                .body("violations.field", hasItem(containsString("identification")));
        tokenState(csn, "IN_STOCK");
    }

    @Test
    void handOverWithAnIncompleteIdentificationIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(customerId, csn, null);
        request.put("identification", Map.of("documentType", "PASSPORT", "documentNumber", "x"));

        handOver(request).statusCode(400).body("violations.field", hasItem(containsString("documentNumber")));
    }

    @Test
    void secondLiveTokenIsRefusedUnlessItReplacesTheFirst() {
        String[] holder = Fixtures.userWithToken(false);
        String secondCsn = Fixtures.tokenInStock();

        handOver(handOverRequest(holder[0], secondCsn, null))
                .statusCode(409)
                .body("code", equalTo("live-token-exists"));
        tokenState(secondCsn, "IN_STOCK");
        tokenState(holder[1], "ISSUED");
    }

    @Test
    void replacementRevokesTheOldTokenAndItsCertificates() {
        String[] holder = Fixtures.userWithToken(false);
        String newCsn = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(holder[0], newCsn, null);
        request.put("replacesCsn", holder[1]);

        handOver(request).statusCode(201).body("state", equalTo("ISSUED"));

        given().get("/tokens/" + holder[1]).then().statusCode(200)
                .body("state", equalTo("REVOKED"))
                .body("revocationReason", equalTo("REPLACED"));
        given().get("/tokens/" + holder[1] + "/certificates").then().statusCode(200)
                .body("status", contains("REVOKED"));
    }

    @Test
    void replacementMustNameTheUsersLiveToken() {
        String[] holder = Fixtures.userWithToken(false);
        String[] other = Fixtures.userWithToken(false);
        Map<String, Object> request = handOverRequest(holder[0], Fixtures.tokenInStock(), null);
        request.put("replacesCsn", other[1]);

        handOver(request).statusCode(409).body("code", equalTo("replaced-token-mismatch"));
        tokenState(other[1], "ISSUED");
    }

    @Test
    void tokenThatIsNotInStockCannotBeHandedOver() {
        String[] holder = Fixtures.userWithToken(false);

        handOver(handOverRequest(Fixtures.user(false), holder[1], null))
                .statusCode(409).body("code", equalTo("token-not-in-stock"));
    }

    @Test
    void unknownTokenOrUserIsNotFound() {
        handOver(handOverRequest(Fixtures.user(false), Fixtures.csn(), null)).statusCode(404).body("code", equalTo("token-not-found"));
        handOver(handOverRequest(Fixtures.customerId(), Fixtures.tokenInStock(), null)).statusCode(404).body("code", equalTo("user-not-found"));
    }

    @Test
    void csrWithoutProofOfPossessionIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(customerId, csn, null);
        request.put("loginCsr", Csrs.withoutProofOfPossession());

        handOver(request).statusCode(422).body("code", equalTo("invalid-csr")).body("detail", containsString("BAD_SIGNATURE"));
        tokenState(csn, "IN_STOCK");
    }

    @Test
    void csrWithAWeakKeyIsRefused() {
        Map<String, Object> request = handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), null);
        request.put("loginCsr", Csrs.csr(Csrs.rsaKeyPair(1024)));

        handOver(request).statusCode(422).body("code", equalTo("invalid-csr")).body("detail", containsString("KEY_TOO_SMALL"));
    }

    @Test
    void csrWithADisallowedCurveIsRefused() {
        Map<String, Object> request = handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), null);
        request.put("loginCsr", Csrs.csr(Csrs.ecKeyPair("secp521r1")));

        handOver(request).statusCode(422).body("detail", containsString("KEY_TYPE_NOT_ALLOWED"));
    }

    @Test
    void garbageAndOversizedCsrsAreRefused() {
        Map<String, Object> garbage = handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), null);
        garbage.put("loginCsr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----");
        handOver(garbage).statusCode(422).body("code", equalTo("invalid-csr"));

        Map<String, Object> oversized = handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), null);
        oversized.put("loginCsr", "A".repeat(HandOver.MAX_CSR_CHARS + 1));
        handOver(oversized).statusCode(400).body("violations.field", hasItem(containsString("loginCsr")));
    }

    @Test
    void loginAndSigningMustUseDifferentKeyPairs() {
        var keyPair = Csrs.ecKeyPair("secp256r1");
        Map<String, Object> request = handOverRequest(Fixtures.user(true), Fixtures.tokenInStock(), Csrs.csr(keyPair));
        request.put("loginCsr", Csrs.csr(keyPair));

        handOver(request).statusCode(422).body("code", equalTo("csr-key-reused"));
    }

    @Test
    void rsaAndP384KeysAreAccepted() {
        Map<String, Object> request = handOverRequest(Fixtures.user(true), Fixtures.tokenInStock(),
                Csrs.csr(Csrs.rsaKeyPair(2048)), Csrs.csr(Csrs.ecKeyPair("secp384r1")));

        handOver(request).statusCode(201).body("certificates.keyDescription", contains("RSA 2048", "EC P-384"));
    }

    @Test
    void identityDocumentNumberIsNeverStoredInClear() {
        String[] holder = Fixtures.userWithToken(false);

        Object[] row = (Object[]) em.createNativeQuery(
                        "select document_number_masked, document_number_hash, officer, branch from personal_identification where csn = ?1")
                .setParameter(1, holder[1]).getSingleResult();

        assertEquals("***6AB", row[0]);
        assertFalse(((String) row[1]).contains("123456AB"));
        assertEquals(64, ((String) row[1]).length());
        assertEquals("officer.kiss", row[2]);
        assertEquals("BUD-01", row[3]);
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCannotHandOverTokens() {
        given().contentType(ContentType.JSON).body(handOverRequest("12345678", "0A1B2C3D", null))
                .post("/hand-overs").then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    @TestSecurity(authorizationEnabled = true)
    void anonymousCallersAreUnauthenticated() {
        given().contentType(ContentType.JSON).body(handOverRequest("12345678", "0A1B2C3D", null))
                .post("/hand-overs").then().statusCode(401);
    }

    private static void tokenState(String csn, String state) {
        given().get("/tokens/" + csn).then().statusCode(200).body("state", equalTo(state));
    }

    private static String rdn(X500Name name, ASN1ObjectIdentifier attribute) {
        return ((ASN1String) name.getRDNs(attribute)[0].getFirst().getValue()).getString();
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
