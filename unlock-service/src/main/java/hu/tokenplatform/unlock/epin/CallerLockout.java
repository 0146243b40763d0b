package hu.tokenplatform.unlock.epin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Consecutive wrong e-PINs entered for a customer identifier, registered or not, and whether it is locked. */
@Entity
@Table(name = "caller_lockout")
public class CallerLockout extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "last_failure_at")
    public Instant lastFailureAt;

    @Column(name = "locked_at")
    public Instant lockedAt;
}
