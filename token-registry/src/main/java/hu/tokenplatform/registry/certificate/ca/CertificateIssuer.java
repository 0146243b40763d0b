package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Issues token certificates under the LOGIN and SIGNING profiles, signed by the issuing CA. Every certificate names
 * where its status is published: the CRL distribution point and, in authority information access, the OCSP
 * responder.
 */
public final class CertificateIssuer {

    /** Bank certificate policies; placeholder private-enterprise arc until the bank's OID is registered. */
    public static final ASN1ObjectIdentifier LOGIN_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");
    public static final ASN1ObjectIdentifier SIGNING_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.2");

    private final CaKeys ca;
    private final String crlDistributionPointUrl;
    private final String ocspUrl;

    public CertificateIssuer(CaKeys ca, String crlDistributionPointUrl, String ocspUrl) {
        this.ca = ca;
        this.crlDistributionPointUrl = crlDistributionPointUrl;
        this.ocspUrl = ocspUrl;
    }

    public X509Certificate issue(VerifiedCsr csr, CertificateSubject subject, CertificateUsage usage,
                                 Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name issuer = new JcaX509CertificateHolder(ca.issuingCertificate()).getSubject();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, CaKeys.serial(),
                    Date.from(notBefore), Date.from(notAfter), subject.toX500Name(), csr.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(csr.publicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.issuingCertificate()))
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint())
                    .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
            if (usage == CertificateUsage.LOGIN) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                        .addExtension(Extension.certificatePolicies, false, new DERSequence(new PolicyInformation(LOGIN_POLICY)));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation))
                        .addExtension(Extension.certificatePolicies, false, new DERSequence(new PolicyInformation(SIGNING_POLICY)));
            }
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(BankCrypto.CA_SIGNATURE_ALGORITHM)
                    .setProvider(BankCrypto.PROVIDER).build(ca.issuingKey()));
            return new JcaX509CertificateConverter().setProvider(BankCrypto.PROVIDER).getCertificate(holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("certificate cannot be issued", e);
        }
    }

    private CRLDistPoint crlDistributionPoint() {
        GeneralNames location = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlDistributionPointUrl));
        return new CRLDistPoint(new DistributionPoint[]{
                new DistributionPoint(new DistributionPointName(location), null, null)});
    }

    public static String toPem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Upper-case hexadecimal serial number, as the registry stores and publishes it. */
    public static String serialHex(X509Certificate certificate) {
        return serialHex(certificate.getSerialNumber());
    }

    public static String serialHex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    public static String fingerprintSha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificate cannot be fingerprinted", e);
        }
    }
}
