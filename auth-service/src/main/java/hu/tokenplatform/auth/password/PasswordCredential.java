package hu.tokenplatform.auth.password;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's legacy password hash, as imported (see {@link PasswordHashes} for the formats). */
@Entity
@Table(name = "password_credential")
public class PasswordCredential extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "imported_by", nullable = false)
    public String importedBy;
}
