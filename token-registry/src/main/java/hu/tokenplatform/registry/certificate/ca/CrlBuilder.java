package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Builds the issuing CA's v2 CRL with CRL number, authority key identifier and reason codes. */
public final class CrlBuilder {

    public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {
    }

    private final CaKeys ca;

    public CrlBuilder(CaKeys ca) {
        this.ca = ca;
    }

    public X509CRL build(List<RevokedEntry> revoked, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    new JcaX509CertificateHolder(ca.issuingCertificate()).getSubject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (RevokedEntry entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason().code());
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.issuingCertificate()));
            return new JcaX509CRLConverter().setProvider(BankCrypto.PROVIDER).getCRL(builder.build(
                    new JcaContentSignerBuilder(BankCrypto.CA_SIGNATURE_ALGORITHM).setProvider(BankCrypto.PROVIDER)
                            .build(ca.issuingKey())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("CRL cannot be built", e);
        }
    }
}
