package hu.tokenplatform.auth.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One login: the {@code sid} of the tokens issued from it, and whether it was ended (and why). */
@Entity
@Table(name = "login_session")
public class LoginSession extends PanacheEntityBase {

    @Id
    public String sid;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** The token's CSN, for token logins. */
    public String csn;

    /** Serial number (hex) of the login certificate of the TLS session, for token logins. */
    @Column(name = "certificate_serial")
    public String certificateSerial;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public LoginSessions.EndReason endReason;
}
