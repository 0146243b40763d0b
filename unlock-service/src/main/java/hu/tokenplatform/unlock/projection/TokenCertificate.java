package hu.tokenplatform.unlock.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A certificate on a token, as the registry announced it: shown to the helpdesk agent, never decided on. */
@Entity
@Table(name = "certificate")
public class TokenCertificate extends PanacheEntityBase {

    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    @Column(nullable = false)
    public String csn;

    /** LOGIN or SIGNING. */
    @Column(nullable = false)
    public String usage;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(nullable = false)
    public boolean revoked;
}
