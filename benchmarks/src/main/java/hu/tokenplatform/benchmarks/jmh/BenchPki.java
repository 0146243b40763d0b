package hu.tokenplatform.benchmarks.jmh;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The keys and certificates the benchmarks work on, all P-256 as in the bank: an issuing CA, a login certificate of
 * the registry's shape (subject CN, UID, SERIALNUMBER, O, C; digitalSignature, clientAuth) and a server certificate
 * for 127.0.0.1.
 */
final class BenchPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair caKeys = p256();
    final X509Certificate ca;
    final KeyPair loginKeys = p256();
    final X509Certificate login;
    final KeyPair serverKeys = p256();
    final X509Certificate server;

    BenchPki() {
        try {
            X500Name caName = new X500Name("CN=Bench Issuing CA, O=Bench Bank, C=HU");
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(Duration.ofDays(30)));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), from, until, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic())));
            X500Name loginName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Kovács Éva")
                    .addRDN(BCStyle.UID, "12345678").addRDN(BCStyle.SERIALNUMBER, "0A1B2C3D4E5F")
                    .addRDN(BCStyle.O, "Példa Kft.").addRDN(BCStyle.C, "HU").build();
            login = sign(new JcaX509v3CertificateBuilder(caName, serial(), from, until, loginName, loginKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
            server = sign(new JcaX509v3CertificateBuilder(caName, serial(), from, until, new X500Name("CN=127.0.0.1"),
                    serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))));
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark PKI cannot be made", e);
        }
    }

    /** A PKCS#12 store with one private key entry, for a {@code KeyManagerFactory}. */
    static KeyStore keyStore(KeyPair keys, X509Certificate certificate, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), password, new X509Certificate[]{certificate});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("a key store cannot be made", e);
        }
    }

    static KeyStore trustStore(X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("a trust store cannot be made", e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(96, RANDOM);
    }
}
