package hu.tokenplatform.auth.projection;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two reads every token login makes of the registry projection, on rows written straight into it: a certificate
 * is on its owner's token only when the token row exists and names the same customer, and a certificate counts as
 * good only when it and its token are both known, belong together and neither is revoked.
 */
@QuarkusTest
class ProjectionReadsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ProjectionReads reads;

    @Inject
    DataSource dataSource;

    @Test
    void aCertificateOnItsOwnersTokenIsKnownWithItsSerialTokenAndUsage() throws SQLException {
        String csn = csn();
        token(csn, "10000001", null);
        String fingerprint = certificate(csn, "10000001", "LOGIN", null);

        ProjectionReads.KnownCertificate known = reads.certificate(fingerprint).orElseThrow();

        assertEquals(csn, known.csn());
        assertEquals("10000001", known.customerId());
        assertEquals(TokenCertificate.Usage.LOGIN, known.usage());
        assertTrue(known.onOwnersToken());
        assertEquals(Optional.of(false), reads.revoked(csn, known.serialNumber()));
    }

    @Test
    void aCertificateWhoseTokenTheProjectionDoesNotKnowIsNotOnItsOwnersToken() throws SQLException {
        String csn = csn();
        String fingerprint = certificate(csn, "10000002", "LOGIN", null);

        ProjectionReads.KnownCertificate known = reads.certificate(fingerprint).orElseThrow();

        assertFalse(known.onOwnersToken());
        assertEquals(Optional.empty(), reads.revoked(csn, known.serialNumber()), "unknown token: no answer, counted as revoked");
    }

    @Test
    void aCertificateOnATokenNowOwnedBySomeoneElseIsNotOnItsOwnersToken() throws SQLException {
        String csn = csn();
        token(csn, "10000004", null);
        String fingerprint = certificate(csn, "10000003", "LOGIN", null);

        assertFalse(reads.certificate(fingerprint).orElseThrow().onOwnersToken());
    }

    @Test
    void aCertificateAskedForWithAnotherTokensCsnHasNoAnswer() throws SQLException {
        String csn = csn();
        String other = csn();
        token(csn, "10000005", null);
        token(other, "10000005", null);
        String fingerprint = certificate(csn, "10000005", "LOGIN", null);
        String serial = reads.certificate(fingerprint).orElseThrow().serialNumber();

        assertEquals(Optional.empty(), reads.revoked(other, serial));
    }

    @Test
    void aRevokedTokenOrARevokedCertificateIsRevokedWhateverTheTime() throws SQLException {
        Instant future = Instant.now().plus(365, ChronoUnit.DAYS);
        String revokedToken = csn();
        token(revokedToken, "10000006", future);
        String onRevokedToken = certificate(revokedToken, "10000006", "LOGIN", null);
        String goodToken = csn();
        token(goodToken, "10000006", null);
        String revokedCertificate = certificate(goodToken, "10000006", "LOGIN", future);

        assertEquals(Optional.of(true), reads.revoked(revokedToken, reads.certificate(onRevokedToken).orElseThrow().serialNumber()));
        assertEquals(Optional.of(true), reads.revoked(goodToken, reads.certificate(revokedCertificate).orElseThrow().serialNumber()));
    }

    @Test
    void anUnknownFingerprintIsNotKnownAndTheSigningUsageIsReadAsSuch() throws SQLException {
        assertEquals(Optional.empty(), reads.certificate(hex(32)));
        String csn = csn();
        token(csn, "10000007", null);
        assertEquals(TokenCertificate.Usage.SIGNING,
                reads.certificate(certificate(csn, "10000007", "SIGNING", null)).orElseThrow().usage());
    }

    private void token(String csn, String customerId, Instant revokedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into token (csn, customer_id, handed_over_at, revoked_at) values (?, ?, now(), ?)")) {
            insert.setString(1, csn);
            insert.setString(2, customerId);
            insert.setTimestamp(3, revokedAt == null ? null : Timestamp.from(revokedAt));
            insert.executeUpdate();
        }
    }

    /** @return the new certificate's fingerprint */
    private String certificate(String csn, String customerId, String usage, Instant revokedAt) throws SQLException {
        String fingerprint = hex(32);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into certificate (sha256_fingerprint, serial_number, "
                     + "csn, customer_id, usage, not_before, not_after, revoked_at) values (?, ?, ?, ?, ?, now(), now() + interval '1 day', ?)")) {
            insert.setString(1, fingerprint);
            insert.setString(2, hex(16).toUpperCase());
            insert.setString(3, csn);
            insert.setString(4, customerId);
            insert.setString(5, usage);
            insert.setTimestamp(6, revokedAt == null ? null : Timestamp.from(revokedAt));
            insert.executeUpdate();
        }
        return fingerprint;
    }

    private static String csn() {
        return hex(8).toUpperCase();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
