package hu.tokenplatform.auth.pki;

import hu.tokenplatform.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The bank's issuing CA, pinned from configuration: the only trust anchor for token certificates (never the
 * JVM's default trust store). Validates a certificate path at a given time; revocation is checked separately
 * against the event projection and the CRL.
 */
@ApplicationScoped
public class BankTrust {

    /** A bound on the bound: a mistyped setting must not take the heap (about 200 bytes each). */
    static final int MAX_VALIDATED_PATHS_CACHED = 1_000_000;

    private final X509Certificate issuingCa;
    private final TrustAnchor anchor;
    private final ValidatedPaths validatedPaths;

    @Inject
    public BankTrust(AuthConfig config) {
        List<X509Certificate> certificates;
        try {
            certificates = Certificates.parseAll(Files.readAllBytes(config.trust().issuingCa()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the issuing CA certificate " + config.trust().issuingCa() + " cannot be read", e);
        }
        if (certificates.size() != 1 || certificates.get(0).getBasicConstraints() < 0) {
            throw new IllegalStateException(config.trust().issuingCa() + " must hold exactly the issuing CA certificate");
        }
        this.issuingCa = certificates.get(0);
        this.anchor = new TrustAnchor(issuingCa, null);
        int cached = config.trust().validatedPathsCached();
        if (cached < 0 || cached > MAX_VALIDATED_PATHS_CACHED) {
            throw new IllegalStateException("auth.trust.validated-paths-cached must be between 0 and " + MAX_VALIDATED_PATHS_CACHED);
        }
        this.validatedPaths = new ValidatedPaths(cached);
    }

    public X509Certificate issuingCa() {
        return issuingCa;
    }

    /**
     * Checks that {@code certificate} was issued by the bank's issuing CA and is within its validity at
     * {@code at}. Certificates a client sends along with it are not needed and not trusted.
     */
    public void validate(X509Certificate certificate, Instant at) throws UntrustedCertificateException {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new UntrustedCertificateException(UntrustedCertificateException.Reason.EXPIRED,
                    "certificate outside its validity period");
        }
        // The path's signatures do not change with time, and the anchor is this instance's for its life: a path that
        // validated once validates again. Keyed by the whole encoding's SHA-256, never by issuer and serial (which a
        // forger chooses). Only successes are kept, so a refusal costs the full check every time.
        byte[] encoding;
        try {
            encoding = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new UntrustedCertificateException(UntrustedCertificateException.Reason.UNTRUSTED, "certificate not encodable");
        }
        ValidatedPaths.Key key = ValidatedPaths.Key.of(encoding);
        if (validatedPaths.contains(key)) {
            return;
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509", Certificates.BC).generateCertPath(List.of(certificate));
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX", Certificates.BC).validate(path, parameters);
            validatedPaths.add(key);
        } catch (CertPathValidatorException e) {
            throw new UntrustedCertificateException(UntrustedCertificateException.Reason.UNTRUSTED,
                    "certificate does not chain to the bank's issuing CA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificate path validation is not available", e);
        }
    }
}
