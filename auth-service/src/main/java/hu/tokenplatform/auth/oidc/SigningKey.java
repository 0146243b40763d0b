package hu.tokenplatform.auth.oidc;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One token signing key; the private half only encrypted. */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(nullable = false)
    public String algorithm;

    @Column(name = "public_jwk", nullable = false, columnDefinition = "text")
    public String publicJwk;

    @Column(name = "private_key_encrypted", nullable = false)
    public byte[] privateKeyEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    /** Null while the key is current; afterwards the JWKS lists it until then. */
    @Column(name = "published_until")
    public Instant publishedUntil;
}
