package hu.tokenplatform.auth.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The registry projection's two reads on every token login, each one SQL statement on a pooled connection in
 * auto-commit: no JTA transaction and no persistence context for a read that changes nothing (docs/performance.md:
 * the database path was the largest share of auth-service's time per login, and a login asks for revocation three
 * times). One statement reads one snapshot, so a token and its certificate are never seen from two moments.
 * <p>
 * Blocking: call from a worker thread, outside any transaction (the answer must not wait behind the caller's locks).
 */
@ApplicationScoped
public class ProjectionReads {

    /** A certificate the projection knows, with the token it is on; the token's owner as the token row says it. */
    public record KnownCertificate(String serialNumber, String csn, String customerId, TokenCertificate.Usage usage,
                                   String tokenCustomerId) {

        /** The token row exists and names the same owner as the certificate row. */
        public boolean onOwnersToken() {
            return customerId.equals(tokenCustomerId);
        }
    }

    private static final String KNOWN_CERTIFICATE = "select c.serial_number, c.csn, c.customer_id, c.usage, t.customer_id "
            + "from certificate c left join token t on t.csn = c.csn where c.sha256_fingerprint = ?";

    private static final String REVOKED = "select t.revoked_at is not null or c.revoked_at is not null "
            + "from token t join certificate c on c.csn = t.csn where t.csn = ? and c.serial_number = ?";

    /** A read stuck behind a lock (a migration's DDL) or a dead socket gives up, and the login is refused. */
    private static final int TIMEOUT_SECONDS = 5;

    @Inject
    AgroalDataSource dataSource;

    /** The certificate with this SHA-256 fingerprint (lower-case hex), if the registry announced it. */
    public Optional<KnownCertificate> certificate(String fingerprint) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(KNOWN_CERTIFICATE)) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, fingerprint);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KnownCertificate(row.getString(1), row.getString(2), row.getString(3),
                        TokenCertificate.Usage.valueOf(row.getString(4)), row.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry projection not readable", e);
        }
    }

    /**
     * Whether the token or this certificate of it is revoked, whatever the revocation's time (revocation is final, and
     * the registry's clock is not ours); empty if the projection knows neither the token nor the certificate with
     * this token.
     *
     * @param certificateSerial upper-case hexadecimal, as the projection keeps it
     */
    public Optional<Boolean> revoked(String csn, String certificateSerial) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(REVOKED)) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, csn);
            statement.setString(2, certificateSerial);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry projection not readable", e);
        }
    }
}
