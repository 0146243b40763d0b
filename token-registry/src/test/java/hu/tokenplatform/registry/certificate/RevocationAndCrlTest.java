package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class RevocationAndCrlTest {

    @TempDir
    Path dir;

    @Test
    void revokedTokensCertificatesAreOnTheCrl() throws Exception {
        String[] holder = Fixtures.userWithToken(true);
        List<String> serials = given().get("/tokens/" + holder[1] + "/certificates").then().extract().path("serialNumber");

        revoke(holder[1], "LOST").statusCode(200).body("state", equalTo("REVOKED")).body("revocationReason", equalTo("LOST"));

        given().get("/tokens/" + holder[1] + "/certificates").then().body("status", everyItem(equalTo("REVOKED")));
        X509CRL crl = currentCrl();
        for (String serial : serials) {
            var entry = crl.getRevokedCertificate(new BigInteger(serial, 16));
            assertNotNull(entry, "serial " + serial + " on the CRL");
            assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        }
    }

    @Test
    void liveCertificatesAreNotOnTheCrl() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        String serial = given().get("/tokens/" + holder[1] + "/certificates").then().extract().path("serialNumber[0]");

        assertNull(currentCrl().getRevokedCertificate(new BigInteger(serial, 16)));
    }

    @Test
    void revokedTokenCannotBeRevokedAgainOrHandedOver() {
        String[] holder = Fixtures.userWithToken(false);
        revoke(holder[1], "STOLEN").statusCode(200);

        revoke(holder[1], "RETURNED").statusCode(409).body("code", equalTo("token-already-revoked"));
        Fixtures.handOver(Fixtures.handOverRequest(Fixtures.user(false), holder[1], null)).statusCode(409);
    }

    @Test
    void userCanGetANewTokenOnceTheOldOneIsRevoked() {
        String[] holder = Fixtures.userWithToken(false);
        revoke(holder[1], "LOST").statusCode(200);

        Fixtures.handOver(Fixtures.handOverRequest(holder[0], Fixtures.tokenInStock(), null)).statusCode(201);
    }

    @Test
    void unknownRevocationReasonIsRefused() {
        String[] holder = Fixtures.userWithToken(false);
        given().contentType(ContentType.JSON).body(Map.of("reason", "BORED"))
                .post("/tokens/" + holder[1] + "/revocation").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "ops.nagy", roles = "ops")
    void opsCannotRevoke() {
        revoke("0A1B2C3D", "LOST").statusCode(403);
    }

    @Test
    void opensslAcceptsTheChainAndCrlAndSeesTheRevocation() throws Exception {
        String[] live = Fixtures.userWithToken(false);
        String[] lost = Fixtures.userWithToken(false);
        revoke(lost[1], "LOST").statusCode(200);

        Path chain = write("chain.pem", given().get("/ca/chain.pem").then().statusCode(200).extract().asString());
        Path crl = write("crl.pem", given().get("/ca/crl.pem").then().statusCode(200).extract().asString());
        String[] pems = given().get("/ca/chain.pem").asString().split("(?<=-----END CERTIFICATE-----\n)");
        Path issuing = write("issuing.pem", pems[0]);
        Path root = write("root.pem", pems[1]);
        Path liveCert = write("live.pem", loginCertificate(live[1]));
        Path lostCert = write("lost.pem", loginCertificate(lost[1]));

        assertTrue(openssl("crl", "-in", crl.toString(), "-CAfile", issuing.toString(), "-noout").contains("verify OK"));
        String ok = openssl("verify", "-CAfile", root.toString(), "-untrusted", issuing.toString(), "-crl_check",
                "-CRLfile", crl.toString(), "-purpose", "sslclient", liveCert.toString());
        assertTrue(ok.contains(liveCert + ": OK"), ok);
        String revoked = openssl("verify", "-CAfile", root.toString(), "-untrusted", issuing.toString(), "-crl_check",
                "-CRLfile", crl.toString(), lostCert.toString());
        assertTrue(revoked.contains("certificate revoked"), revoked);
        assertTrue(Files.size(chain) > 0);
    }

    @Test
    @TestSecurity
    void caChainAndCrlArePublic() {
        given().get("/ca/chain.pem").then().statusCode(200).contentType("application/pem-certificate-chain");
        given().get("/ca/crl").then().statusCode(200).contentType("application/pkix-crl");
    }

    private static String loginCertificate(String csn) {
        return given().get("/tokens/" + csn + "/certificates").then().extract().path("find { it.usage == 'LOGIN' }.pem");
    }

    private static io.restassured.response.ValidatableResponse revoke(String csn, String reason) {
        return given().contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/tokens/" + csn + "/revocation").then();
    }

    private static X509CRL currentCrl() throws Exception {
        byte[] der = given().get("/ca/crl").then().statusCode(200).extract().asByteArray();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    /** Runs openssl and returns everything it printed; the caller asserts on the verdict. */
    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
