package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.certificate.Certificate;
import hu.tokenplatform.registry.certificate.CertificateAuthority;
import hu.tokenplatform.registry.certificate.CertificateService;
import hu.tokenplatform.registry.certificate.CertificateView;
import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.registry.certificate.ca.VerifiedCsr;
import hu.tokenplatform.registry.token.Token;
import hu.tokenplatform.registry.token.TokenLifecycle;
import hu.tokenplatform.registry.token.TokenRevocationReason;
import hu.tokenplatform.registry.user.BankUser;
import hu.tokenplatform.registry.user.UserService;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.attestation.VerifiedKeyAttestation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a token over at contract signing or renewal: the person was identified, the token comes from stock,
 * the user ends up with exactly one live token, the certificates match the user's rights, and each certified key
 * is one the token proves it generated and that was never certified before, for anyone.
 */
@ApplicationScoped
public class HandOverService {

    /** The unique index on certificate(public_key_sha256), migration V1. */
    static final String KEY_UNIQUENESS_INDEX = "certificate_public_key_sha256";

    @Inject
    UserService users;

    @Inject
    TokenLifecycle tokens;

    @Inject
    CertificateService certificates;

    @Inject
    CertificateAuthority ca;

    @Inject
    TokenKeyAttestations attestations;

    @Inject
    DocumentNumberProtector documentNumbers;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    public HandOverResult handOver(HandOver request) {
        String officer = staff.name();
        try {
            return QuarkusTransaction.requiringNew().call(() -> handOverInTransaction(request, officer));
        } catch (AuditedRefusalException refused) {
            // The hand-over rolled back; the attempt is kept, in a transaction of its own, after it (the audit chain's
            // lock is free again only then).
            QuarkusTransaction.requiringNew().run(() -> audit.record(officer, "certificate.refused", "token", request.csn(),
                    refused.auditDetails()));
            throw refused;
        }
    }

    private HandOverResult handOverInTransaction(HandOver request, String officer) {
        BankUser user = users.findForUpdate(request.customerId());
        Token token = tokens.findForUpdate(request.csn());

        VerifiedCsr loginCsr = certificates.verify("loginCsr", request.loginCsr());
        Optional<VerifiedCsr> signingCsr = signingCsrFor(user, request);
        if (signingCsr.isPresent() && signingCsr.get().publicKeySha256().equals(loginCsr.publicKeySha256())) {
            throw HandOverRefusal.CSR_KEY_REUSED.exception();
        }
        VerifiedKeyAttestation loginAttestation = attestations.verify("loginAttestation", request.loginAttestation(),
                token.csn, KeyPurpose.LOGIN, loginCsr);
        Optional<VerifiedKeyAttestation> signingAttestation = signingCsr.map(csr -> attestations.verify("signingAttestation",
                request.signingAttestation(), token.csn, KeyPurpose.SIGNING, csr));
        if (signingCsr.isEmpty() && request.signingAttestation() != null) {
            throw HandOverRefusal.ATTESTATION_INVALID.exception("signingAttestation refused: there is no signingCsr for it to attest.");
        }
        requireNeverCertified("loginCsr", loginCsr);
        signingCsr.ifPresent(csr -> requireNeverCertified("signingCsr", csr));

        Optional<Token> live = tokens.liveTokenOf(user);
        if (live.isPresent()) {
            if (request.replacesCsn() == null) {
                throw HandOverRefusal.LIVE_TOKEN_EXISTS.exception("User " + user.customerId + " already holds live token "
                        + live.get().csn + "; hand over a replacement by naming it in replacesCsn.");
            }
            if (!live.get().csn.equals(request.replacesCsn())) {
                throw HandOverRefusal.REPLACED_TOKEN_MISMATCH.exception("Token " + request.replacesCsn()
                        + " is not the user's live token.");
            }
            tokens.revoke(tokens.findForUpdate(live.get().csn), TokenRevocationReason.REPLACED, officer);
            // The database allows one live token per user: the old one must be revoked before the new one is issued.
            Token.flush();
        } else if (request.replacesCsn() != null) {
            throw HandOverRefusal.NOTHING_TO_REPLACE.exception("User " + user.customerId + " holds no live token to replace.");
        }

        recordIdentification(request, officer);
        tokens.handOver(token, user, request.branch(), officer, request.replacesCsn());

        List<Certificate> issued = new ArrayList<>();
        issued.add(issue(token, user, CertificateUsage.LOGIN, "loginCsr", loginCsr, loginAttestation, officer));
        if (signingCsr.isPresent()) {
            issued.add(issue(token, user, CertificateUsage.SIGNING, "signingCsr", signingCsr.get(), signingAttestation.orElseThrow(), officer));
        }
        return new HandOverResult(token.csn, user.customerId, token.state,
                issued.stream().map(CertificateView::of).toList(), ca.chainPem());
    }

    /**
     * A key is certified once, ever: a key certified for someone else (or for a token revoked as lost or stolen)
     * would otherwise log in as the new holder with every claim of the old one's hardware.
     */
    private void requireNeverCertified(String field, VerifiedCsr csr) {
        Optional<Certificate> earlier = certificates.certifiedWithKey(csr.publicKeySha256());
        if (earlier.isPresent()) {
            Map<String, String> details = keyAlreadyCertifiedDetails(field, csr);
            details.put("certifiedBefore", earlier.get().serialNumber);
            details.put("certifiedBeforeFor", earlier.get().csn);
            throw keyAlreadyCertified(field, details);
        }
    }

    /**
     * The unique index stops two hand-overs racing with one key: the second insert waits for the first to commit,
     * then fails, and the failure is the same refusal as the check above.
     */
    private Certificate issue(Token token, BankUser user, CertificateUsage usage, String field, VerifiedCsr csr,
                              VerifiedKeyAttestation attestation, String officer) {
        try {
            Certificate certificate = certificates.issue(token, user.company.name, usage, csr, attestation.deviceCertificateSerial(), officer);
            Certificate.flush();
            return certificate;
        } catch (PersistenceException e) {
            if (violatesKeyUniqueness(e)) {
                throw keyAlreadyCertified(field, keyAlreadyCertifiedDetails(field, csr));
            }
            throw e;
        }
    }

    private static Map<String, String> keyAlreadyCertifiedDetails(String field, VerifiedCsr csr) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("publicKeySha256", csr.publicKeySha256());
        return details;
    }

    private static AuditedRefusalException keyAlreadyCertified(String field, Map<String, String> details) {
        return new AuditedRefusalException(HandOverRefusal.KEY_ALREADY_CERTIFIED, "The public key in " + field
                + " was certified before; a key is certified only once. Generate new keys on the token.", details);
    }

    static boolean violatesKeyUniqueness(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && KEY_UNIQUENESS_INDEX.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState()) && sql.getMessage() != null
                    && sql.getMessage().contains(KEY_UNIQUENESS_INDEX)) {
                return true;
            }
        }
        return false;
    }

    /** A signing certificate is issued only for a signing right, and always for one. */
    private Optional<VerifiedCsr> signingCsrFor(BankUser user, HandOver request) {
        boolean supplied = request.signingCsr() != null && !request.signingCsr().isBlank();
        if (user.signingRight && !supplied) {
            throw HandOverRefusal.SIGNING_CSR_REQUIRED.exception(
                    "User " + user.customerId + " holds a signing right: the token's signing CSR is required.");
        }
        if (!user.signingRight && supplied) {
            throw HandOverRefusal.NO_SIGNING_RIGHT.exception(
                    "User " + user.customerId + " holds no signing right: no signing certificate can be issued.");
        }
        return supplied ? Optional.of(certificates.verify("signingCsr", request.signingCsr())) : Optional.empty();
    }

    private void recordIdentification(HandOver request, String officer) {
        Identification id = request.identification();
        PersonalIdentification record = new PersonalIdentification();
        record.customerId = request.customerId();
        record.csn = request.csn();
        record.documentType = id.documentType();
        record.documentNumberMasked = documentNumbers.mask(id.documentNumber());
        record.documentNumberHash = documentNumbers.hash(id.documentType(), id.documentNumber());
        record.branch = request.branch();
        record.officer = officer;
        record.identifiedAt = clock.instant();
        record.persist();
        audit.record(officer, "user.identified", "user", request.customerId(), Map.of(
                "documentType", id.documentType().name(), "documentNumber", record.documentNumberMasked,
                "branch", request.branch(), "csn", request.csn()));
    }
}
