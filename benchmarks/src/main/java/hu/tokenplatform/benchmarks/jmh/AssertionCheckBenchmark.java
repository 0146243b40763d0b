package hu.tokenplatform.benchmarks.jmh;

import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * auth-service's check of a login assertion ({@code TokenLoginService.verifies}): the token's ECDSA P-256 signature
 * over {@link LoginChallenge#toBeSigned}, decoded from base64url and verified with the login certificate's key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssertionCheckBenchmark {

    /** BC is what auth-service uses today; SunEC is the JDK's own, the lever a provider change would pull. */
    @Param({"BC", "SunEC"})
    public String provider;

    private X509Certificate login;
    private byte[] toBeSigned;
    private String signature;

    @Setup
    public void sign() throws GeneralSecurityException {
        BenchPki pki = new BenchPki();
        login = pki.login;
        byte[] challenge = new byte[LoginChallenge.MIN_CHALLENGE_BYTES];
        new SecureRandom().nextBytes(challenge);
        toBeSigned = LoginChallenge.toBeSigned("Yf3kL0qv7sTnR2xWc9bAZg", "electra", "https://netbank.example:8443", challenge);
        Signature signer = Signature.getInstance(LoginChallenge.SIGNATURE_ALGORITHM);
        signer.initSign(pki.loginKeys.getPrivate());
        signer.update(toBeSigned);
        signature = Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    @Benchmark
    public boolean verifyAssertion() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(LoginChallenge.SIGNATURE_ALGORITHM, Providers.named(provider));
        verifier.initVerify(login.getPublicKey());
        verifier.update(toBeSigned);
        return verifier.verify(Base64.getUrlDecoder().decode(signature));
    }
}
