package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.certificate.Certificate;
import hu.tokenplatform.registry.certificate.CertificateAuthority;
import hu.tokenplatform.registry.certificate.CertificateResourceViews.CertificateView;
import hu.tokenplatform.registry.certificate.CertificateService;
import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.registry.certificate.ca.VerifiedCsr;
import hu.tokenplatform.registry.handover.HandOverResource.HandOver;
import hu.tokenplatform.registry.handover.HandOverResource.HandOverResult;
import hu.tokenplatform.registry.token.Token;
import hu.tokenplatform.registry.token.TokenLifecycle;
import hu.tokenplatform.registry.token.TokenRevocationReason;
import hu.tokenplatform.registry.user.BankUser;
import hu.tokenplatform.registry.user.UserService;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.problem.Problems;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a token over at contract signing or renewal: the person was identified, the token comes from stock,
 * the user ends up with exactly one live token, and the certificates match the user's rights.
 */
@ApplicationScoped
public class HandOverService {

    @Inject
    UserService users;

    @Inject
    TokenLifecycle tokens;

    @Inject
    CertificateService certificates;

    @Inject
    CertificateAuthority ca;

    @Inject
    DocumentNumberProtector documentNumbers;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    @Transactional
    public HandOverResult handOver(HandOver request) {
        String officer = staff.name();
        BankUser user = users.findForUpdate(request.customerId());
        Token token = tokens.findForUpdate(request.csn());

        VerifiedCsr loginCsr = certificates.verify("loginCsr", request.loginCsr());
        Optional<VerifiedCsr> signingCsr = signingCsrFor(user, request);
        if (signingCsr.isPresent() && signingCsr.get().publicKey().equals(loginCsr.publicKey())) {
            throw Problems.unprocessable("csr-key-reused", "The login and signing certificates need two different key pairs.");
        }

        Optional<Token> live = tokens.liveTokenOf(user);
        if (live.isPresent()) {
            if (request.replacesCsn() == null) {
                throw Problems.conflict("live-token-exists", "User " + user.customerId + " already holds live token "
                        + live.get().csn + "; hand over a replacement by naming it in replacesCsn.");
            }
            if (!live.get().csn.equals(request.replacesCsn())) {
                throw Problems.conflict("replaced-token-mismatch", "Token " + request.replacesCsn()
                        + " is not the user's live token.");
            }
            tokens.revoke(tokens.findForUpdate(live.get().csn), TokenRevocationReason.REPLACED, officer);
            // The database allows one live token per user: the old one must be revoked before the new one is issued.
            Token.flush();
        } else if (request.replacesCsn() != null) {
            throw Problems.unprocessable("nothing-to-replace", "User " + user.customerId + " holds no live token to replace.");
        }

        recordIdentification(request, officer);
        tokens.handOver(token, user, request.branch(), officer, request.replacesCsn());

        List<Certificate> issued = new ArrayList<>();
        issued.add(certificates.issue(token, user.company.name, CertificateUsage.LOGIN, loginCsr, officer));
        signingCsr.ifPresent(csr -> issued.add(certificates.issue(token, user.company.name, CertificateUsage.SIGNING, csr, officer)));
        return new HandOverResult(token.csn, user.customerId, token.state,
                issued.stream().map(CertificateView::of).toList(), ca.chainPem());
    }

    /** A signing certificate is issued only for a signing right, and always for one. */
    private Optional<VerifiedCsr> signingCsrFor(BankUser user, HandOver request) {
        boolean supplied = request.signingCsr() != null && !request.signingCsr().isBlank();
        if (user.signingRight && !supplied) {
            throw Problems.unprocessable("signing-csr-required",
                    "User " + user.customerId + " holds a signing right: the token's signing CSR is required.");
        }
        if (!user.signingRight && supplied) {
            throw Problems.unprocessable("no-signing-right",
                    "User " + user.customerId + " holds no signing right: no signing certificate can be issued.");
        }
        return supplied ? Optional.of(certificates.verify("signingCsr", request.signingCsr())) : Optional.empty();
    }

    private void recordIdentification(HandOver request, String officer) {
        HandOverResource.Identification id = request.identification();
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
