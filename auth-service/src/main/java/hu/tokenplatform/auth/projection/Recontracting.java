package hu.tokenplatform.auth.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The user was re-contracted: password login is refused from {@code effectiveAt} on, for good. */
@Entity
@Table(name = "recontracting")
public class Recontracting extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;

    @Column(name = "contract_reference")
    public String contractReference;
}
