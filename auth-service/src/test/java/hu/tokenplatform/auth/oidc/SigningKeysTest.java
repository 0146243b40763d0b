package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * After the key-encryption key is changed, the stored signing keys cannot be opened: a new key is made at once
 * (not at the next rotation, 30 days on) and signs, and the unreadable one is published until its tokens expire.
 */
@QuarkusTest
class SigningKeysTest {

    @Inject
    SigningKeys keys;

    @Test
    void whenNoPublishedKeyCanBeDecryptedANewOneIsMadeAtOnceAndSigns() throws Exception {
        ECKey publicPart = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toPublicJWK();
        byte[] sealedUnderAnotherKek = new byte[12 + 16 + 138];
        new SecureRandom().nextBytes(sealedUnderAnotherKek);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            // The keys this instance can read go out of the published set: as if all were sealed under the old KEK.
            SigningKey.update("publishedUntil = ?1 where publishedUntil is null or publishedUntil > ?1", now.minusSeconds(1));
            SigningKey unreadable = new SigningKey();
            unreadable.kid = publicPart.getKeyID();
            unreadable.algorithm = "ES256";
            unreadable.publicJwk = publicPart.toJSONString();
            unreadable.privateKeyEncrypted = sealedUnderAnotherKek;
            unreadable.createdAt = now;
            unreadable.persist();
        });

        keys.rotateIfDue();

        String signing = keys.current().kid();
        assertNotEquals(publicPart.getKeyID(), signing, "a key sealed under another key-encryption key cannot sign");
        given().get("/oidc/jwks").then().statusCode(200).body("keys.kid", hasItems(signing, publicPart.getKeyID()));
    }
}
