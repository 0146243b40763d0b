package hu.tokenplatform.servicekit.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the append-only audit log; the database refuses updates and deletes. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "subject_type", nullable = false, updatable = false)
    public String subjectType;

    @Column(name = "subject_id", nullable = false, updatable = false)
    public String subjectId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String details;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    public String previousHash;

    @Column(name = "entry_hash", nullable = false, updatable = false)
    public String entryHash;
}
