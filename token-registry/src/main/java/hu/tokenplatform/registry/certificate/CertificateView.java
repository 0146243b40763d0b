package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CertificateUsage;

import java.time.Instant;

/** A certificate as staff see it; the PEM is public and is what gets written to the token. */
public record CertificateView(String serialNumber, CertificateUsage usage, String subjectDn, String keyDescription,
                              Instant notBefore, Instant notAfter, Certificate.Status status, Instant revokedAt,
                              String sha256Fingerprint, String pem) {

    public static CertificateView of(Certificate c) {
        return new CertificateView(c.serialNumber, c.usage, c.subjectDn, c.keyDescription, c.notBefore,
                c.notAfter, c.status, c.revokedAt, c.sha256Fingerprint, c.pem);
    }
}
