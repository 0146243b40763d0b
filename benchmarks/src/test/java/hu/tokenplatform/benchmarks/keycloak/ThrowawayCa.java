package hu.tokenplatform.benchmarks.keycloak;

import hu.tokenplatform.benchmarks.BenchUser;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

/**
 * A CA for one test that issues login certificates of the registry's LOGIN profile (token-registry's
 * {@code CertificateIssuer} and {@code CertificateSubject}): subject CN, UID (customer id), SERIALNUMBER (CSN), O, C=HU;
 * key usage digitalSignature, extended key usage clientAuth, the login policy, and a CRL distribution point.
 */
final class ThrowawayCa {

    /** The registry's placeholder LOGIN policy ({@code CertificateIssuer.LOGIN_POLICY}). */
    private static final ASN1ObjectIdentifier LOGIN_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final String crlUrl;

    ThrowawayCa(String name, String crlUrl) throws Exception {
        this.keys = p256();
        this.crlUrl = crlUrl;
        X500Name subject = new X500Name("CN=" + name + ", O=Throwaway Bank, C=HU");
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        Instant now = Instant.now();
        this.certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                serial(), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .build(signer()));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A user whose login key sits in an in-memory session, certified as the registry would. */
    BenchUser issueLogin(String customerId, String csn) throws Exception {
        KeyPair user = p256();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Kovács Éva").addRDN(BCStyle.UID, customerId).addRDN(BCStyle.SERIALNUMBER, csn)
                .addRDN(BCStyle.O, "Példa Kft., Budapest").addRDN(BCStyle.C, "HU").build();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        Instant now = Instant.now();
        X509Certificate login = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                certificate, serial(), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                new javax.security.auth.x500.X500Principal(subject.getEncoded()), user.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(user.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate))
                .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                        new DistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null)}))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.certificatePolicies, false, new DERSequence(new PolicyInformation(LOGIN_POLICY)))
                .build(signer()));
        return new BenchUser(customerId, csn, new InMemoryLoginSession(user.getPrivate(), login), login);
    }

    /** A DER CRL, valid for a day, listing {@code revoked} as key compromise. */
    byte[] crl(Collection<X509Certificate> revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                Date.from(now.minus(Duration.ofMinutes(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
        }
        return builder.build(signer()).getEncoded();
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(96, RANDOM);
    }
}
