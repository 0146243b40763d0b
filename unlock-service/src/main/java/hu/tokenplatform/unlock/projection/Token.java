package hu.tokenplatform.unlock.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A token handed over to a customer, as the registry reports it: whose it is and whether it is revoked. */
@Entity
@Table(name = "token")
public class Token extends PanacheEntityBase {

    @Id
    public String csn;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TokenState state;

    @Column(name = "state_changed_at", nullable = false)
    public Instant stateChangedAt;
}
