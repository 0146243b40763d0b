package hu.tokenplatform.registry.certificate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The current CRL, kept in the database so that every registry instance serves the same one. */
@Entity
@Table(name = "crl_state")
public class CrlState extends PanacheEntityBase {

    public static final int SINGLETON_ID = 1;

    @Id
    public Integer id;

    @Column(name = "crl_number", nullable = false)
    public long crlNumber;

    @Column(name = "this_update", nullable = false)
    public Instant thisUpdate;

    @Column(name = "next_update", nullable = false)
    public Instant nextUpdate;

    @Column(nullable = false)
    public byte[] der;
}
