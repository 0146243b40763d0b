package hu.tokenplatform.unlock.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer the registry has registered (from {@code user.registered}); no name or other personal data is kept. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "company_id", nullable = false)
    public String companyId;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
