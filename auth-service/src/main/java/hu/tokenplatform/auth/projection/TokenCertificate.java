package hu.tokenplatform.auth.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A certificate the bank's CA issued for a token, known by its SHA-256 fingerprint so that the certificate a
 * client presents is matched exactly, not by a serial number it could share with another certificate.
 */
@Entity
@Table(name = "certificate")
public class TokenCertificate extends PanacheEntityBase {

    public enum Usage {
        LOGIN,
        SIGNING
    }

    @Id
    @Column(name = "sha256_fingerprint")
    public String sha256Fingerprint;

    @Column(name = "serial_number", nullable = false)
    public String serialNumber;

    @Column(nullable = false)
    public String csn;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Usage usage;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    public static Optional<TokenCertificate> bySerialNumber(String serialNumber) {
        return find("serialNumber", serialNumber).firstResultOptional();
    }

    /** Revoked at or before {@code instant}. */
    public boolean revokedBy(Instant instant) {
        return revokedAt != null && !revokedAt.isAfter(instant);
    }
}
