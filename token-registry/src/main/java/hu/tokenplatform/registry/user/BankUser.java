package hu.tokenplatform.registry.user;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.registry.company.Company;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import java.util.EnumSet;
import java.util.Set;

/** A corporate user of Electra and/or e-posta, identified by the 8-digit customer identifier. */
@Entity
@Table(name = "bank_user")
public class BankUser extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String name;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "company_id")
    public Company company;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_service", joinColumns = @JoinColumn(name = "customer_id"))
    @Column(name = "service")
    @Enumerated(EnumType.STRING)
    public Set<ContractedService> services = EnumSet.noneOf(ContractedService.class);

    @Column(name = "signing_right", nullable = false)
    public boolean signingRight;

    /** Set once, at re-contracting; from then on password login is off. */
    @Column(name = "recontracted_at")
    public Instant recontractedAt;

    @Column(name = "recontracted_by")
    public String recontractedBy;

    @Column(name = "contract_reference")
    public String contractReference;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public long version;
}
