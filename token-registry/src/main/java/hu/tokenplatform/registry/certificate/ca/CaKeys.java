package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * The bank's root and issuing CA keys in a PKCS#12 keystore: alias {@code root} (key and certificate) and
 * {@code issuing} (key and chain issuing → root).
 */
public final class CaKeys {

    static final String ROOT_ALIAS = "root";
    static final String ISSUING_ALIAS = "issuing";
    private static final long ROOT_VALIDITY_DAYS = 20L * 365;
    private static final long ISSUING_VALIDITY_DAYS = 10L * 365;

    private final PrivateKey rootKey;
    private final X509Certificate rootCertificate;
    private final PrivateKey issuingKey;
    private final X509Certificate issuingCertificate;

    private CaKeys(PrivateKey rootKey, X509Certificate rootCertificate, PrivateKey issuingKey,
                   X509Certificate issuingCertificate) {
        this.rootKey = rootKey;
        this.rootCertificate = rootCertificate;
        this.issuingKey = issuingKey;
        this.issuingCertificate = issuingCertificate;
    }

    public static CaKeys loadOrCreate(Path keystorePath, char[] password, boolean createIfMissing, String bankName,
                                      Clock clock) {
        if (Files.exists(keystorePath)) {
            return load(keystorePath, password);
        }
        if (!createIfMissing) {
            throw new IllegalStateException("CA keystore " + keystorePath + " does not exist and creating one is "
                    + "switched off (registry.ca.create-if-missing=false)");
        }
        CaKeys created = create(bankName, clock);
        created.store(keystorePath, password);
        return created;
    }

    public X509Certificate rootCertificate() {
        return rootCertificate;
    }

    public X509Certificate issuingCertificate() {
        return issuingCertificate;
    }

    public PrivateKey issuingKey() {
        return issuingKey;
    }

    public PrivateKey rootKey() {
        return rootKey;
    }

    /** Issuing CA first, then root. */
    public List<X509Certificate> chain() {
        return List.of(issuingCertificate, rootCertificate);
    }

    private static CaKeys load(Path keystorePath, char[] password) {
        try (InputStream in = Files.newInputStream(keystorePath)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            if (!keyStore.isKeyEntry(ROOT_ALIAS) || !keyStore.isKeyEntry(ISSUING_ALIAS)) {
                throw new IllegalStateException("CA keystore " + keystorePath + " lacks the '" + ROOT_ALIAS
                        + "' or '" + ISSUING_ALIAS + "' key entry");
            }
            return new CaKeys((PrivateKey) keyStore.getKey(ROOT_ALIAS, password),
                    (X509Certificate) keyStore.getCertificate(ROOT_ALIAS),
                    (PrivateKey) keyStore.getKey(ISSUING_ALIAS, password),
                    (X509Certificate) keyStore.getCertificate(ISSUING_ALIAS));
        } catch (IOException e) {
            // PKCS12 reports a wrong password as an IOException wrapping UnrecoverableKeyException.
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be opened: wrong password or damaged file", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be read", e);
        }
    }

    private static CaKeys create(String bankName, Clock clock) {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            KeyPair root = newKeyPair();
            X500Name rootName = name(bankName + " Root CA", bankName);
            X509Certificate rootCertificate = caCertificate(rootName, root.getPublic(), rootName, root, now,
                    ROOT_VALIDITY_DAYS, null, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), -1);
            KeyPair issuing = newKeyPair();
            X509Certificate issuingCertificate = caCertificate(name(bankName + " Token Issuing CA", bankName),
                    issuing.getPublic(), rootName, root, now, ISSUING_VALIDITY_DAYS, rootCertificate,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature), 0);
            return new CaKeys(root.getPrivate(), rootCertificate, issuing.getPrivate(), issuingCertificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("CA keys cannot be generated", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BankCrypto.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp384r1"), BankCrypto.RANDOM);
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName, String bankName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, bankName)
                .addRDN(BCStyle.C, "HU")
                .build();
    }

    /** A CA certificate; {@code pathLength} -1 means unlimited (the root). */
    private static X509Certificate caCertificate(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                                                 Instant notBefore, long validityDays, X509Certificate issuerCertificate,
                                                 KeyUsage keyUsage, int pathLength)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                Date.from(notBefore), Date.from(notBefore.plus(validityDays, ChronoUnit.DAYS)), subject, subjectKey)
                .addExtension(Extension.basicConstraints, true,
                        pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                .addExtension(Extension.keyUsage, true, keyUsage)
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
        if (issuerCertificate != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerCertificate));
        }
        return new JcaX509CertificateConverter().setProvider(BankCrypto.PROVIDER).getCertificate(builder.build(
                new JcaContentSignerBuilder(BankCrypto.CA_SIGNATURE_ALGORITHM).setProvider(BankCrypto.PROVIDER)
                        .build(issuerKeys.getPrivate())));
    }

    /** Positive 127-bit serial from a CSPRNG (RFC 5280 allows at most 20 octets). */
    static BigInteger serial() {
        return new BigInteger(127, BankCrypto.RANDOM).setBit(126);
    }

    /** Written to a temporary file and moved into place, so a crash never leaves half a keystore. */
    private void store(Path keystorePath, char[] password) {
        try {
            Path dir = keystorePath.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ROOT_ALIAS, rootKey, password, new Certificate[]{rootCertificate});
            keyStore.setKeyEntry(ISSUING_ALIAS, issuingKey, password, new Certificate[]{issuingCertificate, rootCertificate});
            Path temp = Files.createTempFile(dir, ".ca-", ".p12");
            try {
                restrictToOwner(temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    keyStore.store(out, password);
                }
                try {
                    Files.move(temp, keystorePath, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, keystorePath, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be written", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
