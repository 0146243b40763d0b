package hu.tokenplatform.registry.token;

import hu.tokenplatform.registry.user.BankUser;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A USB token, identified by its CSN (card serial number). */
@Entity
@Table(name = "token")
public class Token extends PanacheEntityBase {

    @Id
    public String csn;

    @Column(nullable = false)
    public String model;

    @Column(name = "delivery_reference", nullable = false)
    public String deliveryReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TokenState state;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "owner_customer_id")
    public BankUser owner;

    /** When the state last changed; for changes reported by events, the event's time. */
    @Column(name = "state_changed_at", nullable = false)
    public Instant stateChangedAt;

    @Column(name = "handed_over_at")
    public Instant handedOverAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** When the helpdesk last issued an unlock Code for the token (the event's time); changes no state. */
    @Column(name = "last_unlock_code_at")
    public Instant lastUnlockCodeAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revocation_reason")
    public TokenRevocationReason revocationReason;

    @Version
    public long version;
}
