package hu.tokenplatform.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * auth-service's check that a login certificate chains to the bank's issuing CA ({@code BankTrust.validate}): the
 * validity dates, then a PKIX path of the one certificate to the pinned CA, revocation off (checked apart).
 *
 * <p>The JDK's certificate factory keeps recently parsed certificates by their encoding and a certificate object
 * remembers the signature it verified, so a certificate the JVM has seen before (a user's second login, over JSSE)
 * costs no ECDSA verification. {@link #validateNewCertificate} parses with Bouncy Castle, which keeps nothing: the
 * full check; {@link #validateSeenCertificate} is the JDK-parsed object of an earlier login: what the cache saves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainCheckBenchmark {

    /** BC is what auth-service uses today; SUN is the JDK's own PKIX validator. */
    @Param({"BC", "SUN"})
    public String provider;

    private byte[] loginDer;
    private X509Certificate seenBefore;
    private TrustAnchor anchor;

    @Setup
    public void certify() throws GeneralSecurityException {
        BenchPki pki = new BenchPki();
        loginDer = pki.login.getEncoded();
        seenBefore = pki.login;
        seenBefore.verify(pki.ca.getPublicKey());
        anchor = new TrustAnchor(pki.ca, null);
    }

    @Benchmark
    public CertPathValidatorResult validateNewCertificate() throws GeneralSecurityException {
        return validate((X509Certificate) CertificateFactory.getInstance("X.509", Providers.BC)
                .generateCertificate(new ByteArrayInputStream(loginDer)));
    }

    @Benchmark
    public CertPathValidatorResult validateSeenCertificate() throws GeneralSecurityException {
        return validate(seenBefore);
    }

    private CertPathValidatorResult validate(X509Certificate login) throws GeneralSecurityException {
        Date now = new Date();
        login.checkValidity(now);
        CertPath path = CertificateFactory.getInstance("X.509", Providers.named(provider)).generateCertPath(List.of(login));
        PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
        parameters.setRevocationEnabled(false);
        parameters.setDate(now);
        return CertPathValidator.getInstance("PKIX", Providers.named(provider)).validate(path, parameters);
    }
}
