package hu.tokenplatform.auth.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A token handed over to its owner; a revoked token never logs in or signs again. */
@Entity
@Table(name = "token")
public class Token extends PanacheEntityBase {

    @Id
    public String csn;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "handed_over_at")
    public Instant handedOverAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    /** Revoked at or before {@code instant}. */
    public boolean revokedBy(Instant instant) {
        return revokedAt != null && !revokedAt.isAfter(instant);
    }
}
