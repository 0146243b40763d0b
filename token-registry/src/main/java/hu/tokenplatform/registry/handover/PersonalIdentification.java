package hu.tokenplatform.registry.handover;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The record that the token's owner was identified in person before the hand-over. The document number is
 * kept only masked and as a keyed hash: enough to match a document later, useless to a reader of the table.
 */
@Entity
@Table(name = "personal_identification")
public class PersonalIdentification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public String customerId;

    @Column(nullable = false, updatable = false)
    public String csn;

    @Enumerated(EnumType.STRING)
    @Column(name = "document_type", nullable = false, updatable = false)
    public IdentityDocumentType documentType;

    @Column(name = "document_number_masked", nullable = false, updatable = false)
    public String documentNumberMasked;

    @Column(name = "document_number_hash", nullable = false, updatable = false)
    public String documentNumberHash;

    @Column(nullable = false, updatable = false)
    public String branch;

    @Column(nullable = false, updatable = false)
    public String officer;

    @Column(name = "identified_at", nullable = false, updatable = false)
    public Instant identifiedAt;
}
