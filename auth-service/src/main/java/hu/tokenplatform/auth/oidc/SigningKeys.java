package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.pki.Certificates;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's ES256 signing keys, in the database so that every instance signs with the same key and a
 * restart keeps them. Private keys are encrypted at rest with AES-256-GCM under {@code auth.oidc.key-encryption-key}
 * (the key id as associated data, so rows cannot be swapped). A new key is made when the newest is older than
 * {@code auth.oidc.key-rotation}. Each instance rereads the keys every {@link #CACHE_TTL}; a new key is published
 * at once but signs only after {@link #ACTIVATION_DELAY}, so that every instance's JWKS lists it before any token
 * signed with it exists; a superseded key stays in the JWKS until every token it may have signed has expired.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    /** Signs tokens: the newest key. */
    public record Current(String kid, ECPrivateKey privateKey) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final long ROTATION_LOCK = 0x7470_6f69_6463_6b31L;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final Duration ACTIVATION_DELAY = CACHE_TTL.multipliedBy(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthConfig config;
    private final Clock clock;
    private final EntityManager em;
    private final SecretKey keyEncryptionKey;
    private volatile Loaded loaded;

    /** The keys as last read, newest first, and the private keys of those this instance can decrypt, by kid. */
    private record Loaded(Instant at, List<SigningKey> keys, JWKSet published, Map<String, ECPrivateKey> readable) {
    }

    @Inject
    public SigningKeys(AuthConfig config, Clock clock, EntityManager em) {
        this.config = config;
        this.clock = clock;
        this.em = em;
        byte[] kek;
        try {
            kek = Base64.getDecoder().decode(config.oidc().keyEncryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("auth.oidc.key-encryption-key is not base64");
        }
        if (kek.length != 32) {
            throw new IllegalStateException("auth.oidc.key-encryption-key must be 32 bytes (AES-256), base64");
        }
        this.keyEncryptionKey = new SecretKeySpec(kek, "AES");
    }

    void onStart(@Observes StartupEvent start) {
        rotateIfDue();
    }

    @Scheduled(every = "${auth.oidc.key-rotation-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRotation() {
        rotateIfDue();
    }

    /** Makes a new key if none exists or the newest is due, then reloads what this instance signs and publishes with. */
    public void rotateIfDue() {
        QuarkusTransaction.requiringNew().run(() -> {
            // One instance at a time decides about rotation.
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ROTATION_LOCK).getSingleResult();
            Instant now = clock.instant();
            SigningKey newest = newest();
            boolean due = newest == null || !newest.createdAt.isAfter(now.minus(config.oidc().keyRotation()));
            // After the key-encryption key was changed, no published key can be read: a new key is made now, not at
            // the next rotation (until then no token could be issued). While a rolling restart runs, instances with the
            // old KEK still read an older key and make none, so instances with different KEKs never take turns.
            boolean noneReadable = !due && published(now).stream().noneMatch(this::readable);
            if (noneReadable) {
                LOG.warnf("No published signing key can be decrypted with the configured key-encryption key (changed?): "
                        + "a new signing key is made now");
            }
            if (due || noneReadable) {
                if (newest != null) {
                    newest.supersededAt = now;
                    newest.publishedUntil = now.plus(ACTIVATION_DELAY).plus(CACHE_TTL).plus(longestTokenLifetime()).plus(CLOCK_SKEW);
                }
                generate(now).persist();
            }
            SigningKey.delete("publishedUntil < ?1", now);
        });
        reload();
    }

    /** The newest key that has been published long enough; the only key right after the very first start. */
    public Current current() {
        Loaded current = loaded();
        Instant activeBefore = clock.instant().minus(ACTIVATION_DELAY);
        // The newest active key this instance can read; else (just made after a key-encryption key change, or the very
        // first) the newest it can read at all.
        List<SigningKey> readable = current.keys().stream().filter(key -> current.readable().containsKey(key.kid)).toList();
        SigningKey signing = readable.stream().filter(key -> !key.createdAt.isAfter(activeBefore)).findFirst()
                .orElse(readable.isEmpty() ? null : readable.get(0));
        if (signing == null) {
            throw new IllegalStateException("no signing key can be decrypted: wrong key-encryption key?");
        }
        return new Current(signing.kid, current.readable().get(signing.kid));
    }

    private boolean readable(SigningKey key) {
        return decrypted(key) != null;
    }

    /** The private key, or null if the configured key-encryption key does not open it. */
    private ECPrivateKey decrypted(SigningKey key) {
        try {
            return decrypt(key);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static List<SigningKey> published(Instant now) {
        return SigningKey.list("publishedUntil is null or publishedUntil > ?1 order by createdAt desc", now);
    }

    /** The public keys tokens may be signed with: the JWKS. */
    public JWKSet published() {
        return loaded().published();
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null || !clock.instant().isBefore(current.at().plus(CACHE_TTL))) {
            reload();
            current = loaded;
        }
        return current;
    }

    private void reload() {
        loaded = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<SigningKey> keys = published(now);
            if (keys.isEmpty()) {
                throw new IllegalStateException("no signing key: rotation has not run");
            }
            // Decrypted once per reload, not per token signed.
            Map<String, ECPrivateKey> readable = new HashMap<>();
            for (SigningKey key : keys) {
                ECPrivateKey privateKey = decrypted(key);
                if (privateKey != null) {
                    readable.put(key.kid, privateKey);
                }
            }
            return new Loaded(now, List.copyOf(keys), new JWKSet(keys.stream().map(SigningKeys::publicJwk).toList()), Map.copyOf(readable));
        });
    }

    private SigningKey newest() {
        return SigningKey.<SigningKey>find("order by createdAt desc").firstResultOptional().orElse(null);
    }

    private Duration longestTokenLifetime() {
        Duration access = config.oidc().accessTokenTtl();
        Duration id = config.oidc().idTokenTtl();
        return access.compareTo(id) > 0 ? access : id;
    }

    private SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Certificates.BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint()
                    .build();
            SigningKey key = new SigningKey();
            key.kid = jwk.getKeyID();
            key.algorithm = JWSAlgorithm.ES256.getName();
            key.publicJwk = jwk.toPublicJWK().toJSONString();
            key.privateKeyEncrypted = encrypt(key.kid, pair.getPrivate().getEncoded());
            key.createdAt = now;
            return key;
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("a signing key cannot be generated", e);
        }
    }

    private byte[] encrypt(String kid, byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    private ECPrivateKey decrypt(SigningKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, key.privateKeyEncrypted, 0, IV_BYTES));
        cipher.updateAAD(key.kid.getBytes(StandardCharsets.US_ASCII));
        byte[] pkcs8 = cipher.doFinal(key.privateKeyEncrypted, IV_BYTES, key.privateKeyEncrypted.length - IV_BYTES);
        return (ECPrivateKey) KeyFactory.getInstance("EC", Certificates.BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static JWK publicJwk(SigningKey key) {
        try {
            return JWK.parse(key.publicJwk);
        } catch (ParseException e) {
            throw new IllegalStateException("public key " + key.kid + " is damaged", e);
        }
    }
}
