package hu.tokenplatform.unlock.epin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer's e-PIN, as an Argon2id hash only. */
@Entity
@Table(name = "e_pin")
public class EPin extends PanacheEntityBase {

    /** The 6-digit e-PIN as a customer gives it; ASCII digits only. */
    public static final String PATTERN = "[0-9]{6}";

    @Id
    @Column(name = "customer_id")
    public String customerId;

    /** PHC string with algorithm, parameters, salt and hash; the pepper is not in the database. */
    @Column(nullable = false)
    public String hash;

    @Column(name = "set_at", nullable = false)
    public Instant setAt;

    @Column(name = "set_by", nullable = false)
    public String setBy;
}
