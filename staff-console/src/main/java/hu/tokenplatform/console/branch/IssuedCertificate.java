package hu.tokenplatform.console.branch;

import java.time.Instant;

/**
 * A certificate of a token as the registry shows it; {@code usage} is {@code LOGIN} or {@code SIGNING},
 * {@code status} {@code VALID} or {@code REVOKED}. The PEM is public: it is what the officer writes to the token.
 */
public record IssuedCertificate(String serialNumber, String usage, String subjectDn, String keyDescription,
                                Instant notBefore, Instant notAfter, String status, Instant revokedAt,
                                String sha256Fingerprint, String pem) {

    public boolean valid() {
        return "VALID".equals(status);
    }

    /** The file name the officer gives Token Manager: {@code login-certificate.pem}, {@code signing-certificate.pem}. */
    public String fileName() {
        // A usage this console does not know (a newer registry) still gets a file name, rather than a failed page.
        return CertificateUsage.known(usage).map(CertificateUsage::fileName).orElse("certificate.pem");
    }
}
