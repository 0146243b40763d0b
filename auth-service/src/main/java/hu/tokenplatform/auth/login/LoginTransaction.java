package hu.tokenplatform.auth.login;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One login from the login page (docs/login-protocol.md, section 1): the one-time challenge, the client and
 * origin it is bound to, the browser session that loaded the page, and the authorization request to answer
 * once a token or password login has authenticated someone.
 */
@Entity
@Table(name = "login_transaction")
public class LoginTransaction extends PanacheEntityBase {

    public enum Status {
        /** Waiting for the token (or a password). */
        PENDING,
        /** A user was authenticated; the page may finish in its browser session. */
        AUTHENTICATED,
        /** Finished: the authorization code was issued. Never reused. */
        COMPLETED
    }

    @Id
    public String id;

    @Column(nullable = false)
    public byte[] challenge;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String origin;

    /** SHA-256 of the browser session cookie: the cookie itself is not stored. */
    @Column(name = "browser_session_hash", nullable = false)
    public byte[] browserSessionHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(nullable = false)
    public String scope;

    public String state;

    public String nonce;

    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "customer_id")
    public String customerId;

    public String csn;

    @Enumerated(EnumType.STRING)
    public LoginMethod method;

    @Column(name = "authenticated_at")
    public Instant authenticatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Serial (upper-case hexadecimal) of the login certificate a token login was made with; null for passwords. */
    @Column(name = "certificate_serial")
    public String certificateSerial;

    /** The login session an authentication started (LoginSessions): the sid of the tokens issued from it. */
    @Column(name = "session_id")
    public String sessionId;
}
