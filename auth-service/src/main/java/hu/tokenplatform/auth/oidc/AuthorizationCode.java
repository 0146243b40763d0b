package hu.tokenplatform.auth.oidc;

import hu.tokenplatform.auth.login.LoginMethod;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An issued authorization code, known only by its SHA-256; redeemable once, by its client, with its PKCE verifier. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCode extends PanacheEntityBase {

    @Id
    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(nullable = false)
    public String scope;

    public String nonce;

    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    public String csn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LoginMethod method;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    /** The login certificate of a token login (upper-case hexadecimal serial); null for passwords. */
    @Column(name = "certificate_serial")
    public String certificateSerial;

    /** The login's session: a second redemption of this code ends it. */
    @Column(name = "session_id")
    public String sessionId;
}
