package hu.tokenplatform.auth.support;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * A throw-away bank PKI for tests, acting as token-registry's CA: a root and an issuing CA, LOGIN and SIGNING
 * certificates for CSRs made on virtual tokens (the registry's profiles), any other certificate an attack test
 * needs, TLS server certificates, CRLs, OCSP responder certificates and OCSP responses (served by
 * {@link TestOcspResponder}). Kept in a PKCS#12 file so that the test resource that creates it and
 * the tests that issue from it share it.
 */
public final class TestCa {

    public static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD = "test-ca".toCharArray();

    /** Directory beside the CA's keystore where every token certificate it issues is noted (its serial, hex). */
    static final String ISSUED_DIR = "issued-serials";

    public final KeyPair rootKeys;
    public final X509Certificate root;
    public final KeyPair issuingKeys;
    public final X509Certificate issuing;
    private volatile Path issuedSerials;

    private TestCa(KeyPair rootKeys, X509Certificate root, KeyPair issuingKeys, X509Certificate issuing) {
        this.rootKeys = rootKeys;
        this.root = root;
        this.issuingKeys = issuingKeys;
        this.issuing = issuing;
    }

    /** A new root and issuing CA named after {@code bank}. */
    public static TestCa create(String bank) {
        KeyPair rootKeys = ecKeyPair("secp384r1");
        X500Name rootName = new X500Name("CN=" + bank + " Root CA,O=" + bank + ",C=HU");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate root = sign(new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), rootName, rootKeys.getPublic()), rootKeys.getPrivate(), ext -> ext
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
        KeyPair issuingKeys = ecKeyPair("secp384r1");
        X509Certificate issuing = sign(new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), new X500Name("CN=" + bank + " Token Issuing CA,O=" + bank + ",C=HU"),
                issuingKeys.getPublic()), rootKeys.getPrivate(), ext -> ext
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root)));
        return new TestCa(rootKeys, root, issuingKeys, issuing);
    }

    public static TestCa load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            X509Certificate root = (X509Certificate) store.getCertificate("root");
            X509Certificate issuing = (X509Certificate) store.getCertificate("issuing");
            TestCa ca = new TestCa(new KeyPair(root.getPublicKey(), (PrivateKey) store.getKey("root", PASSWORD)), root,
                    new KeyPair(issuing.getPublicKey(), (PrivateKey) store.getKey("issuing", PASSWORD)), issuing);
            ca.issuedSerials = Files.createDirectories(file.toAbsolutePath().getParent().resolve(ISSUED_DIR));
            return ca;
        } catch (Exception e) {
            throw new IllegalStateException("test CA cannot be loaded from " + file, e);
        }
    }

    public void store(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("root", rootKeys.getPrivate(), PASSWORD, new Certificate[]{root});
            store.setKeyEntry("issuing", issuingKeys.getPrivate(), PASSWORD, new Certificate[]{issuing, root});
            store.store(out, PASSWORD);
            issuedSerials = Files.createDirectories(file.toAbsolutePath().getParent().resolve(ISSUED_DIR));
        } catch (Exception e) {
            throw new IllegalStateException("test CA cannot be stored in " + file, e);
        }
    }

    /** The registry's LOGIN profile: digitalSignature, clientAuth. */
    public X509Certificate login(String csrPem, String customerId, String csn) {
        return issue(csrKey(csrPem), customerId, csn, Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS),
                Profile.LOGIN);
    }

    /** The registry's SIGNING profile: nonRepudiation. */
    public X509Certificate signing(String csrPem, String customerId, String csn) {
        return issue(csrKey(csrPem), customerId, csn, Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS),
                Profile.SIGNING);
    }

    public enum Profile {
        LOGIN,
        SIGNING,
        /** No key usage and no extended key usage at all: JSSE accepts it for TLS, the bank's rules do not. */
        BARE
    }

    /** A token certificate for any key, validity and profile, issued by the issuing CA. */
    public X509Certificate issue(PublicKey key, String customerId, String csn, Instant notBefore, Instant notAfter, Profile profile) {
        return issue(key, customerId, csn, notBefore, notAfter, profile, null, true);
    }

    /**
     * A token certificate as {@link #issue} makes it, plus authority information access naming {@code ocspLocator}
     * as its OCSP responder (whatever a client put there), and, unless {@code recorded}, left out of the records
     * the OCSP responder answers from (signed with the CA's key, but not issued through the registry).
     */
    public X509Certificate issue(PublicKey key, String customerId, String csn, Instant notBefore, Instant notAfter, Profile profile,
                                 URI ocspLocator, boolean recorded) {
        X500Name subject = new X500Name("CN=Test User " + customerId + ",UID=" + customerId + ",SERIALNUMBER=" + csn + ",O=Példa Kft,C=HU");
        BigInteger serial = serial();
        if (recorded) {
            noteIssued(serial);
        }
        return sign(new JcaX509v3CertificateBuilder(issuing, serial, Date.from(notBefore), Date.from(notAfter), subject, key),
                issuingKeys.getPrivate(), ext -> {
                    ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    switch (profile) {
                        case LOGIN -> ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                        case SIGNING -> ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
                        case BARE -> {
                        }
                    }
                    if (ocspLocator != null) {
                        ext.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, ocspLocator.toString())));
                    }
                });
    }

    /** Whether this CA (or another instance of it over the same keystore) issued a token certificate with this serial. */
    public static boolean issued(Path bankDir, BigInteger serial) {
        return Files.exists(bankDir.resolve(ISSUED_DIR).resolve(serial.toString(16)));
    }

    private void noteIssued(BigInteger serial) {
        Path dir = issuedSerials;
        if (dir != null) {
            try {
                Files.createFile(dir.resolve(serial.toString(16)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A certificate for an OCSP responder, issued by the issuing CA: the registry's delegated responder profile
     * (id-kp-OCSPSigning, ocsp-nocheck, digitalSignature) or, with {@code ocspSigning} false, the same without
     * id-kp-OCSPSigning (clientAuth instead): a certificate of the bank that may not speak for the CA.
     */
    public X509Certificate ocspResponder(PublicKey key, Instant notBefore, Instant notAfter, boolean ocspSigning) {
        return sign(new JcaX509v3CertificateBuilder(issuing, serial(), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=Test Bank OCSP Responder,O=Test Bank,C=HU"), key), issuingKeys.getPrivate(), ext -> ext
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        ocspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_clientAuth))
                .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE));
    }

    /**
     * A successful, signed basic OCSP response with one status, as a responder makes it: responder id by the signer's
     * key hash, the signer's certificate included when given, the nonce extension echoed when given.
     */
    public static byte[] ocspResponse(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                                      Extension nonce, KeyPair signer, X509Certificate signerCertificate) {
        try {
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    SubjectPublicKeyInfo.getInstance(signer.getPublic().getEncoded()),
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build().get(CertificateID.HASH_SHA1)));
            builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
            if (nonce != null) {
                builder.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
            }
            X509CertificateHolder[] included = signerCertificate == null ? new X509CertificateHolder[0]
                    : new X509CertificateHolder[]{new JcaX509CertificateHolder(signerCertificate)};
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA384withECDSA").setProvider(BC)
                    .build(signer.getPrivate()), included, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OCSP response with an error status and nothing else, as RFC 6960 sends errors. */
    public static byte[] ocspError(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS server certificate for 127.0.0.1, issued by the root (the bank's TLS CA in these tests). */
    public X509Certificate tlsServer(PublicKey key) {
        Instant now = Instant.now();
        return sign(new JcaX509v3CertificateBuilder(root, serial(), Date.from(now.minusSeconds(3600)), Date.from(now.plus(30, ChronoUnit.DAYS)),
                new X500Name("CN=127.0.0.1"), key), rootKeys.getPrivate(), ext -> ext
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))));
    }

    /** A revocation on the CRL: when, and the CRL reason code (RFC 5280, 5.3.1). */
    public record Revocation(Instant at, int reason) {
    }

    /** A CRL of the issuing CA listing {@code revoked} (serial → revocation time), all for key compromise. */
    public X509CRL crl(Map<BigInteger, Instant> revoked, long crlNumber, Instant thisUpdate, Instant nextUpdate) {
        Map<BigInteger, Revocation> withReasons = new java.util.HashMap<>();
        revoked.forEach((serial, at) -> withReasons.put(serial, new Revocation(at, CRLReason.keyCompromise)));
        return crlWithReasons(withReasons, crlNumber, thisUpdate, nextUpdate);
    }

    /** A CRL of the issuing CA listing {@code revoked} with their reasons. */
    public X509CRL crlWithReasons(Map<BigInteger, Revocation> revoked, long crlNumber, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuing).getSubject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            revoked.forEach((serial, revocation) -> builder.addCRLEntry(serial, Date.from(revocation.at()), revocation.reason()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuing));
            return new JcaX509CRLConverter().setProvider(BC).getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA384withECDSA").setProvider(BC).build(issuingKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublicKey csrKey(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).setProvider(BC).getPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, Extensions extensions) {
        try {
            extensions.add(builder);
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA384withECDSA").setProvider(BC).build(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }
}
