package hu.tokenplatform.console.branch;

import java.util.Locale;

/**
 * The registry's certificate usages, named as Token Manager's files are: {@code token-manager enrol generate-keys}
 * writes {@code login-csr.pem} and {@code signing-csr.pem}; {@code enrol write-certificates} takes the
 * certificates, which the console hands out as {@code login-certificate.pem} and {@code signing-certificate.pem}.
 */
public enum CertificateUsage {
    LOGIN, SIGNING;

    /** The usage a download link names ({@code login}, {@code signing}); null for anything else. */
    public static CertificateUsage ofPath(String name) {
        for (CertificateUsage usage : values()) {
            if (usage.path().equals(name)) {
                return usage;
            }
        }
        return null;
    }

    static CertificateUsage of(String registryName) {
        return valueOf(registryName);
    }

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String fileName() {
        return path() + "-certificate.pem";
    }
}
