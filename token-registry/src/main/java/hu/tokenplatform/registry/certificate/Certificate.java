package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.registry.certificate.ca.RevocationReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A certificate the bank CA issued for a key pair on a token. */
@Entity
@Table(name = "certificate")
public class Certificate extends PanacheEntityBase {

    public enum Status { VALID, REVOKED }

    /** Upper-case hexadecimal serial number. */
    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    @Column(nullable = false)
    public String csn;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CertificateUsage usage;

    @Column(name = "subject_dn", nullable = false)
    public String subjectDn;

    @Column(name = "key_description", nullable = false)
    public String keyDescription;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revocation_reason")
    public RevocationReason revocationReason;

    @Column(name = "sha256_fingerprint", nullable = false)
    public String sha256Fingerprint;

    /**
     * Lower-case hex SHA-256 of the certified key's canonical SubjectPublicKeyInfo. Unique: a key is certified once,
     * for one token, ever. Null only on a row from before this column whose key another certificate already held.
     */
    @Column(name = "public_key_sha256")
    public String publicKeySha256;

    @Column(nullable = false, columnDefinition = "text")
    public String pem;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;
}
