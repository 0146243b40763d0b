package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CaKeys;
import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import hu.tokenplatform.registry.certificate.ca.CrlBuilder;
import hu.tokenplatform.registry.certificate.ca.CsrVerifier;
import hu.tokenplatform.registry.certificate.ca.OcspResponder;
import hu.tokenplatform.registry.config.RegistryConfig;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import hu.tokenplatform.servicekit.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bank's CA keys, loaded (or created on a first start, where configured) before the service takes requests,
 * with the delegated OCSP responder they keep current. Every responder certificate the issuing CA signs is audited.
 */
@Startup
@ApplicationScoped
public class CertificateAuthority {

    static final String AUDIT_ACTOR = "service:/token-registry";
    static final String RESPONDER_CERTIFIED = "ca.ocsp-responder-certified";
    private static final Logger LOG = Logger.getLogger(CertificateAuthority.class);

    private final CaKeys keys;
    private final CertificateIssuer issuer;
    private final CrlBuilder crlBuilder;
    private final OcspResponder ocspResponder;
    private final CsrVerifier csrVerifier = new CsrVerifier();
    private final X509Certificate responderAtStart;

    @Inject
    AuditLog audit;

    @Inject
    public CertificateAuthority(RegistryConfig config, Clock clock) {
        RegistryConfig.Ca ca = config.ca();
        this.keys = CaKeys.loadOrCreate(ca.keystorePath(), ca.keystorePassword().toCharArray(), ca.createIfMissing(),
                ca.bankName(), new CaKeys.ResponderPolicy(ca.ocspResponderValidity(), ca.ocspResponderRenewBefore()), clock);
        this.responderAtStart = keys.responder().certificate();
        this.issuer = new CertificateIssuer(keys, ca.crlUrl(), ca.ocspUrl());
        this.crlBuilder = new CrlBuilder(keys);
        this.ocspResponder = new OcspResponder(keys);
    }

    /** The responder certificate in use at start may have been issued just now: audit it once the database is there. */
    void auditResponderAtStart(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> {
            String serial = CertificateIssuer.serialHex(responderAtStart);
            if (AuditEntry.count("action = ?1 and subjectId = ?2", RESPONDER_CERTIFIED, serial) == 0) {
                recordResponder(responderAtStart);
            }
        });
    }

    @Scheduled(every = "${registry.ca.crl-refresh-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void renewOcspResponder() {
        Optional<X509Certificate> renewed;
        try {
            renewed = keys.renewResponderIfDue();
        } catch (IllegalStateException e) {
            LOG.errorf(e, "OCSP responder certificate due for renewal but not renewed; the current one stays in use until %s",
                    keys.responder().certificate().getNotAfter().toInstant());
            return;
        }
        renewed.ifPresent(certificate -> QuarkusTransaction.requiringNew().run(() -> recordResponder(certificate)));
    }

    private void recordResponder(X509Certificate certificate) {
        audit.record(AUDIT_ACTOR, RESPONDER_CERTIFIED, "certificate", CertificateIssuer.serialHex(certificate), Map.of(
                "subject", certificate.getSubjectX500Principal().getName(),
                "notBefore", certificate.getNotBefore().toInstant().toString(),
                "notAfter", certificate.getNotAfter().toInstant().toString(),
                "sha256Fingerprint", CertificateIssuer.fingerprintSha256(certificate)));
        LOG.infof("OCSP responder certificate %s valid until %s", CertificateIssuer.serialHex(certificate),
                certificate.getNotAfter().toInstant());
    }

    public CertificateIssuer issuer() {
        return issuer;
    }

    public CrlBuilder crlBuilder() {
        return crlBuilder;
    }

    public OcspResponder ocspResponder() {
        return ocspResponder;
    }

    public CsrVerifier csrVerifier() {
        return csrVerifier;
    }

    public List<X509Certificate> chain() {
        return keys.chain();
    }

    /** The delegated OCSP responder's certificate in use now. */
    public X509Certificate ocspResponderCertificate() {
        return keys.responder().certificate();
    }

    /** Issuing CA first, then root: what a relying party needs besides the leaf. */
    public String chainPem() {
        return keys.chain().stream().map(CertificateIssuer::toPem).collect(Collectors.joining());
    }
}
