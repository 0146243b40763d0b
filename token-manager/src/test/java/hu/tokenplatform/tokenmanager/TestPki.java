package hu.tokenplatform.tokenmanager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** A throw-away CA for tests: certifies token CSRs as the bank's CA would, and a TLS server key for 127.0.0.1. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    public final KeyPair caKeys = ecKeyPair();
    public final X509Certificate caCertificate = issue(new X500Name("CN=Test Bank CA"), caKeys.getPublic(), true, null);

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A LOGIN certificate (digitalSignature + clientAuth) for a CSR generated on the token. */
    public X509Certificate certifyLogin(String csrPem) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return certifyLogin(csrPem, now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS));
    }

    /** A LOGIN certificate valid from {@code notBefore} to {@code notAfter}, e.g. one that has expired. */
    public X509Certificate certifyLogin(String csrPem, Instant notBefore, Instant notAfter) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            var csr = new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject());
            return issue(csr.getSubject(), csr.getPublicKey(), false, KeyPurposeId.id_kp_clientAuth, notBefore, notAfter);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SIGNING certificate (nonRepudiation) for a CSR generated on the token. */
    public X509Certificate certifySigning(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            var csr = new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject());
            return issue(csr.getSubject(), csr.getPublicKey(), false, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore serverKeyStore(char[] password) {
        try {
            KeyPair server = ecKeyPair();
            X509Certificate certificate = issue(new X500Name("CN=127.0.0.1"), server.getPublic(), false, KeyPurposeId.id_kp_serverAuth);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", server.getPrivate(), password, new Certificate[]{certificate, caCertificate});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate in PEM, as a trust store file holds it. */
    public String caPem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCertificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS server context for 127.0.0.1 with a key certified by this CA, trusting client certificates of {@code clientCa}. */
    public SSLContext serverContext(TestPki clientCa) {
        char[] password = "server".toCharArray();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(serverKeyStore(password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(clientCa.trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", caCertificate);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate issue(X500Name subject, PublicKey key, boolean ca, KeyPurposeId purpose) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issue(subject, key, ca, purpose, now.minusSeconds(60), now.plus(1, ChronoUnit.DAYS));
    }

    private X509Certificate issue(X500Name subject, PublicKey key, boolean ca, KeyPurposeId purpose, Instant notBefore, Instant notAfter) {
        try {
            var builder = new JcaX509v3CertificateBuilder(ca ? subject : new X500Name("CN=Test Bank CA"),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else if (purpose == null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (purpose == KeyPurposeId.id_kp_serverAuth) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
