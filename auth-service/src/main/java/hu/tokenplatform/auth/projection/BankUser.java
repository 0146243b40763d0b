package hu.tokenplatform.auth.projection;

import hu.tokenplatform.events.ContractedService;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

/** A corporate user as token-registry announced them: the services on their contract and their signing right. */
@Entity
@Table(name = "bank_user")
public class BankUser extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String name;

    @Column(name = "company_id", nullable = false)
    public String companyId;

    @Column(name = "company_name", nullable = false)
    public String companyName;

    @Convert(converter = ServicesConverter.class)
    @Column(nullable = false)
    public Set<ContractedService> services;

    @Column(name = "signing_right", nullable = false)
    public boolean signingRight;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
