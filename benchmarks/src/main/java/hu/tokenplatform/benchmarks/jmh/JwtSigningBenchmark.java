package hu.tokenplatform.benchmarks.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One ES256 access token as auth-service's {@code TokenIssuer} signs it: Nimbus' {@code ECDSASigner} on a P-256 key,
 * type {@code at+jwt}, the user's claims; serialized, as it goes to the client. A login signs two (ID and access).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtSigningBenchmark {

    /** BC is what auth-service sets on the signer's JCA context today; SunEC is the JDK's own. */
    @Param({"BC", "SunEC"})
    public String provider;

    private ECPrivateKey key;

    @Setup
    public void generateKey() {
        key = (ECPrivateKey) new BenchPki().serverKeys.getPrivate();
    }

    @Benchmark
    public String signAccessToken() throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://login.bank.example")
                .subject("12345678")
                .audience("https://login.bank.example")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("name", "Kovács Éva")
                .claim("company_id", "87654321")
                .claim("company_name", "Példa Kft.")
                .claim("services", List.of("ELECTRA", "E_POSTA"))
                .claim("signing_right", "SOLE")
                .claim("auth_time", now.getEpochSecond())
                .claim("sid", UUID.randomUUID().toString())
                .claim("acr", "urn:token-platform:acr:token")
                .claim("amr", List.of("hwk", "pin"))
                .claim("client_id", "electra")
                .claim("scope", "openid profile")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench-key")
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        ECDSASigner signer = new ECDSASigner(key);
        signer.getJCAContext().setProvider(Providers.named(provider));
        jwt.sign(signer);
        return jwt.serialize();
    }
}
