package hu.tokenplatform.registry.certificate.ca;

/** What a token certificate is for: every user logs in, only users with a signing right sign. */
public enum CertificateUsage {
    LOGIN,
    SIGNING
}
