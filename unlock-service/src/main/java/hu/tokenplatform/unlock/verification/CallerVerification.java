package hu.tokenplatform.unlock.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A caller verified by a helpdesk agent; the id the agent holds is stored only as its SHA-256. */
@Entity
@Table(name = "caller_verification")
public class CallerVerification extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public String customerId;

    /** The agent the verification is bound to: nobody else can use it. */
    @Column(nullable = false, updatable = false)
    public String agent;

    @Column(name = "verified_at", nullable = false, updatable = false)
    public Instant verifiedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;
}
