package hu.tokenplatform.registry.company;

import hu.tokenplatform.events.ContractedService;
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
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

@Entity
@Table(name = "company")
public class Company extends PanacheEntityBase {

    /** A company identifier: an upper-case letter or digit, then 2 to 19 upper-case letters, digits or hyphens. */
    public static final String ID_PATTERN = "[A-Z0-9][A-Z0-9-]{2,19}";

    @Id
    @Column(name = "company_id")
    public String companyId;

    @Column(nullable = false)
    public String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "company_contract", joinColumns = @JoinColumn(name = "company_id"))
    @Column(name = "service")
    @Enumerated(EnumType.STRING)
    public Set<ContractedService> contracts = EnumSet.noneOf(ContractedService.class);

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
