package hu.tokenplatform.auth.signature;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.pki.BankTrust;
import hu.tokenplatform.auth.pki.CertificateProfile;
import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.pki.CrlCache;
import hu.tokenplatform.auth.pki.CrlUnavailableException;
import hu.tokenplatform.auth.pki.UntrustedCertificateException;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.projection.Token;
import hu.tokenplatform.auth.projection.TokenCertificate;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Checks a transaction signature for the Electra backend: a detached CMS (PKCS#7) signature with one signer
 * whose certificate is included; the signature verifies over the document; the certificate chains to the bank's
 * issuing CA and is a SIGNING certificate of a token known to the projection; it was valid and neither it nor
 * its token was revoked at the signing time (projection and CRL); the signing time is recent (it is the
 * signer's claim, so its age is bounded); and the signer holds a signing right now.
 */
@ApplicationScoped
public class TransactionSignatureVerifier {

    /** What the backend learns about an accepted signature. */
    public record Verified(String customerId, String companyId, String csn, String certificateSerialNumber, Instant signingTime) {
    }

    private static final Set<String> DIGESTS = Set.of(NISTObjectIdentifiers.id_sha256.getId(),
            NISTObjectIdentifiers.id_sha384.getId(), NISTObjectIdentifiers.id_sha512.getId());

    @Inject
    AuthConfig config;

    @Inject
    BankTrust trust;

    @Inject
    CrlCache crl;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Transactional
    public Verified verify(byte[] document, byte[] signature) {
        try {
            Verified verified = check(document, signature);
            count("accepted", "none");
            return verified;
        } catch (SignatureRefusedException e) {
            count("refused", e.refusal.code());
            throw e.refusal.exception();
        }
    }

    private Verified check(byte[] document, byte[] signature) throws SignatureRefusedException {
        CMSSignedData cms = parse(document, signature);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        X509Certificate certificate = signerCertificate(cms, signer);
        Instant signingTime = signingTime(signer);
        Instant now = clock.instant();
        if (signingTime.isBefore(now.minus(config.signatures().maxAge())) || signingTime.isAfter(now.plus(config.signatures().clockSkew()))) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNING_TIME_OUT_OF_RANGE);
        }
        try {
            trust.validate(certificate, signingTime);
        } catch (UntrustedCertificateException e) {
            throw new SignatureRefusedException(e.reason() == UntrustedCertificateException.Reason.EXPIRED
                    ? SignatureRefusal.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME : SignatureRefusal.SIGNER_CERTIFICATE_UNTRUSTED);
        }
        if (!CertificateProfile.isSigning(certificate)) {
            throw new SignatureRefusedException(SignatureRefusal.NOT_A_SIGNING_CERTIFICATE);
        }
        TokenCertificate known = TokenCertificate.<TokenCertificate>findByIdOptional(Certificates.sha256Fingerprint(certificate))
                .orElseThrow(() -> new SignatureRefusedException(SignatureRefusal.SIGNER_CERTIFICATE_UNKNOWN));
        if (known.usage != TokenCertificate.Usage.SIGNING) {
            throw new SignatureRefusedException(SignatureRefusal.NOT_A_SIGNING_CERTIFICATE);
        }
        Token token = Token.<Token>findByIdOptional(known.csn).filter(t -> t.customerId.equals(known.customerId))
                .orElseThrow(() -> new SignatureRefusedException(SignatureRefusal.SIGNER_CERTIFICATE_UNKNOWN));
        verifySignature(signer, certificate);
        // The signing time is known to the second: a revocation within that second counts as before the signature.
        Instant signedBy = signingTime.plusSeconds(1).minusNanos(1);
        if (known.revokedBy(signedBy) || token.revokedBy(signedBy) || revokedInCrlBy(certificate, signedBy)) {
            throw new SignatureRefusedException(SignatureRefusal.CERTIFICATE_REVOKED);
        }
        BankUser user = BankUser.<BankUser>findByIdOptional(known.customerId).filter(u -> u.signingRight)
                .orElseThrow(() -> new SignatureRefusedException(SignatureRefusal.NO_SIGNING_RIGHT));
        return new Verified(user.customerId, user.companyId, token.csn, known.serialNumber, signingTime);
    }

    private static CMSSignedData parse(byte[] document, byte[] signature) throws SignatureRefusedException {
        try {
            CMSSignedData encapsulated = new CMSSignedData(signature);
            if (encapsulated.getSignedContent() != null || encapsulated.getSignerInfos().size() != 1) {
                throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_MALFORMED);
            }
            return new CMSSignedData(new CMSProcessableByteArray(document), signature);
        } catch (CMSException | IllegalArgumentException | ClassCastException e) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_MALFORMED);
        }
    }

    private static X509Certificate signerCertificate(CMSSignedData cms, SignerInformation signer) throws SignatureRefusedException {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
        if (matches.size() != 1 || !DIGESTS.contains(signer.getDigestAlgOID())) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_MALFORMED);
        }
        try {
            return Certificates.parseAll(matches.iterator().next().getEncoded()).get(0);
        } catch (IOException | IllegalArgumentException e) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_MALFORMED);
        }
    }

    private static Instant signingTime(SignerInformation signer) throws SignatureRefusedException {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNING_TIME_MISSING);
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        try {
            return Time.getInstance(value).getDate().toInstant();
        } catch (IllegalArgumentException e) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_MALFORMED);
        }
    }

    /** Signature, message digest and content type attributes, all over the document that was sent. */
    private static void verifySignature(SignerInformation signer, X509Certificate certificate) throws SignatureRefusedException {
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Certificates.BC).build(certificate))) {
                throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_INVALID);
            }
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new SignatureRefusedException(SignatureRefusal.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
        } catch (CMSException | OperatorCreationException e) {
            throw new SignatureRefusedException(SignatureRefusal.SIGNATURE_INVALID);
        }
    }

    /** Fail closed: without a fresh CRL no signature is accepted. */
    private boolean revokedInCrlBy(X509Certificate certificate, Instant signingTime) throws SignatureRefusedException {
        try {
            return crl.revocationOf(certificate.getSerialNumber()).filter(at -> !at.isAfter(signingTime)).isPresent();
        } catch (CrlUnavailableException e) {
            throw new SignatureRefusedException(SignatureRefusal.REVOCATION_STATUS_UNKNOWN);
        }
    }

    private void count(String outcome, String reason) {
        metrics.counter("auth.signature.verifications", "outcome", outcome, "reason", reason).increment();
    }

    private static final class SignatureRefusedException extends Exception {
        private final SignatureRefusal refusal;

        SignatureRefusedException(SignatureRefusal refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }
    }
}
