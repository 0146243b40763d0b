package hu.tokenplatform.registry.metrics;

import hu.tokenplatform.registry.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * registry_certificates_expiring counts valid certificates by the window their notAfter falls in: what a renewal
 * campaign must reach before users are refused (alert CertificatesExpiringInBulk). Revoked and already expired
 * certificates are not counted.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class CertificatesExpiringTest {

    @Inject
    RegistryMetrics metrics;

    @Inject
    EntityManager entityManager;

    @Test
    void validCertificatesAreCountedByTheWindowTheyExpireInRevokedAndExpiredOnesAreNot() {
        metrics.refresh();
        long within7 = expiring("LOGIN", "7d");
        long within30 = expiring("LOGIN", "30d");
        long signingWithin7 = expiring("SIGNING", "7d");

        String inThreeDays = Fixtures.userWithToken(true)[1];
        String inTwentyDays = Fixtures.userWithToken(false)[1];
        String expired = Fixtures.userWithToken(false)[1];
        String revoked = Fixtures.userWithToken(false)[1];
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        expireAt(inThreeDays, now.plus(Duration.ofDays(3)));
        expireAt(inTwentyDays, now.plus(Duration.ofDays(20)));
        expireAt(expired, now.minus(Duration.ofDays(1)));
        expireAt(revoked, now.plus(Duration.ofDays(2)));
        given().contentType("application/json").body("{\"reason\":\"LOST\"}").post("/tokens/" + revoked + "/revocation")
                .then().statusCode(200);

        metrics.refresh();
        assertEquals(within7 + 1, expiring("LOGIN", "7d"), "the login certificate expiring in 3 days");
        assertEquals(within30 + 2, expiring("LOGIN", "30d"), "in 3 and in 20 days");
        assertEquals(signingWithin7 + 1, expiring("SIGNING", "7d"), "the signing certificate expiring in 3 days");
    }

    private void expireAt(String csn, Instant notAfter) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update certificate set not_after = :notAfter where csn = :csn")
                .setParameter("notAfter", notAfter).setParameter("csn", csn).executeUpdate());
    }

    private static long expiring(String usage, String within) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^registry_certificates_expiring\\{usage=\"" + usage + "\",within=\"" + within
                + "\"} ([0-9.E+]+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError("registry_certificates_expiring{usage=" + usage + ",within=" + within + "} is not exported");
        }
        return (long) Double.parseDouble(value.group(1));
    }
}
