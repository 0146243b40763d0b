package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CaKeys;
import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import hu.tokenplatform.registry.certificate.ca.CrlBuilder;
import hu.tokenplatform.registry.certificate.ca.CsrVerifier;
import hu.tokenplatform.registry.config.RegistryConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** The bank's CA keys, loaded (or created on a first start, where configured) before the service takes requests. */
@Startup
@ApplicationScoped
public class CertificateAuthority {

    private final CaKeys keys;
    private final CertificateIssuer issuer;
    private final CrlBuilder crlBuilder;
    private final CsrVerifier csrVerifier = new CsrVerifier();

    @Inject
    public CertificateAuthority(RegistryConfig config, Clock clock) {
        RegistryConfig.Ca ca = config.ca();
        this.keys = CaKeys.loadOrCreate(ca.keystorePath(), ca.keystorePassword().toCharArray(), ca.createIfMissing(),
                ca.bankName(), clock);
        this.issuer = new CertificateIssuer(keys, ca.crlUrl());
        this.crlBuilder = new CrlBuilder(keys);
    }

    public CertificateIssuer issuer() {
        return issuer;
    }

    public CrlBuilder crlBuilder() {
        return crlBuilder;
    }

    public CsrVerifier csrVerifier() {
        return csrVerifier;
    }

    public List<X509Certificate> chain() {
        return keys.chain();
    }

    /** Issuing CA first, then root: what a relying party needs besides the leaf. */
    public String chainPem() {
        return keys.chain().stream().map(CertificateIssuer::toPem).collect(Collectors.joining());
    }
}
