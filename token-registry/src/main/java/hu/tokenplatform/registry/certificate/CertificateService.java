package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import hu.tokenplatform.registry.certificate.ca.CertificateSubject;
import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.registry.certificate.ca.InvalidCsrException;
import hu.tokenplatform.registry.certificate.ca.RevocationReason;
import hu.tokenplatform.registry.certificate.ca.VerifiedCsr;
import hu.tokenplatform.registry.config.RegistryConfig;
import hu.tokenplatform.registry.token.Token;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Issues token certificates from verified CSRs and revokes them, keeping the CRL in step. */
@ApplicationScoped
public class CertificateService {

    @Inject
    CertificateAuthority ca;

    @Inject
    CrlService crl;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    RegistryConfig config;

    @Inject
    Clock clock;

    /** Checks a CSR from the token: well-formed, proof of possession, allowed key. */
    public VerifiedCsr verify(String field, String pem) {
        try {
            return ca.csrVerifier().verify(pem);
        } catch (InvalidCsrException e) {
            throw CertificateRefusal.INVALID_CSR.exception(field + " refused (" + e.reason() + "): " + e.getMessage());
        }
    }

    /**
     * @param attestedBy serial number of the device attestation certificate whose token attested the key, for the
     *                   audit trail
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Certificate issue(Token token, String companyName, CertificateUsage usage, VerifiedCsr csr, String attestedBy,
                             String officer) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(config.ca().certificateValidity());
        CertificateSubject subject = new CertificateSubject(token.owner.name, token.owner.customerId, companyName, token.csn);
        X509Certificate x509 = ca.issuer().issue(csr, subject, usage, notBefore, notAfter);

        Certificate certificate = new Certificate();
        certificate.serialNumber = CertificateIssuer.serialHex(x509);
        certificate.csn = token.csn;
        certificate.customerId = token.owner.customerId;
        certificate.usage = usage;
        certificate.subjectDn = subject.toX500Name().toString();
        certificate.keyDescription = csr.keyDescription();
        certificate.notBefore = x509.getNotBefore().toInstant();
        certificate.notAfter = x509.getNotAfter().toInstant();
        certificate.status = Certificate.Status.VALID;
        certificate.sha256Fingerprint = CertificateIssuer.fingerprintSha256(x509);
        certificate.publicKeySha256 = csr.publicKeySha256();
        certificate.pem = CertificateIssuer.toPem(x509);
        certificate.issuedBy = officer;
        certificate.persist();

        outbox.append(new CertificateIssued(certificate.serialNumber, token.csn, certificate.customerId, usage.name(),
                certificate.subjectDn, certificate.notBefore, certificate.notAfter, certificate.sha256Fingerprint,
                certificate.pem), officer);
        audit.record(officer, "certificate.issued", "token", token.csn, Map.of(
                "serialNumber", certificate.serialNumber, "usage", usage.name(), "key", csr.keyDescription(),
                "publicKeySha256", csr.publicKeySha256(), "attestedBy", attestedBy,
                "notAfter", certificate.notAfter.toString()));
        return certificate;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAllOf(Token token, RevocationReason reason, Instant at, String actor) {
        List<Certificate> valid = Certificate.list("csn = ?1 and status = ?2", token.csn, Certificate.Status.VALID);
        for (Certificate certificate : valid) {
            certificate.status = Certificate.Status.REVOKED;
            certificate.revokedAt = at;
            certificate.revocationReason = reason;
            outbox.append(new CertificateRevoked(certificate.serialNumber, token.csn, certificate.customerId,
                    certificate.usage.name(), reason.name(), at), actor);
            audit.record(actor, "certificate.revoked", "token", token.csn,
                    Map.of("serialNumber", certificate.serialNumber, "reason", reason.name()));
        }
        if (!valid.isEmpty()) {
            crl.regenerate();
        }
    }

    /** The certificate that certified the key with this hash, whoever holds it and whatever its status. */
    public Optional<Certificate> certifiedWithKey(String publicKeySha256) {
        return Certificate.find("publicKeySha256", publicKeySha256).firstResultOptional();
    }

    public List<Certificate> ofToken(String csn) {
        return Certificate.list("csn = ?1 order by notBefore desc, usage", csn);
    }
}
