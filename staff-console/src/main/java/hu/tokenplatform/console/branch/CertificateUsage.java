package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.ServiceRefusedException;

import java.util.Locale;
import java.util.Optional;

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

    /** The usage the registry names; a name this console does not know is refused as a malformed answer. */
    static CertificateUsage of(String registryName) {
        return known(registryName).orElseThrow(() -> new ServiceRefusedException("other", 502));
    }

    /** The usage the registry names, if this console knows it. */
    static Optional<CertificateUsage> known(String registryName) {
        for (CertificateUsage usage : values()) {
            if (usage.name().equals(registryName)) {
                return Optional.of(usage);
            }
        }
        return Optional.empty();
    }

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String fileName() {
        return path() + "-certificate.pem";
    }
}
