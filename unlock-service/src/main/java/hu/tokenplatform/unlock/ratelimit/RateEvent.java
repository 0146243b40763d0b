package hu.tokenplatform.unlock.ratelimit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One counted action, such as a verification attempt by an agent or an unlock code for a token. */
@Entity
@Table(name = "rate_event")
public class RateEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String scope;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
