package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The bank's CA keys in a PKCS#12 keystore: alias {@code root} (key and certificate), {@code issuing} (key and
 * chain issuing → root) and {@code ocsp-responder} (the delegated OCSP responder's key and chain responder →
 * issuing → root).
 *
 * <p>The responder certificate is short-lived and made by the issuing CA itself: it is issued when the keystore
 * has none (a keystore of an earlier version included), when the one held was not issued by this issuing CA, and
 * when less than {@link ResponderPolicy#renewBefore()} of its validity is left, at start and on
 * {@link #renewResponderIfDue()}. The keystore is then rewritten with only that entry replaced.
 */
public final class CaKeys {

    static final String ROOT_ALIAS = "root";
    static final String ISSUING_ALIAS = "issuing";
    static final String RESPONDER_ALIAS = "ocsp-responder";
    private static final long ROOT_VALIDITY_DAYS = 20L * 365;
    private static final long ISSUING_VALIDITY_DAYS = 10L * 365;
    /** A responder certificate made a moment ago is still valid for a relying party whose clock is a little behind. */
    private static final Duration RESPONDER_BACKDATING = Duration.ofMinutes(5);

    /** How long a delegated OCSP responder certificate lives, and how long before its end it is replaced. */
    public record ResponderPolicy(Duration validity, Duration renewBefore) {
        public ResponderPolicy {
            if (validity.isNegative() || validity.isZero() || renewBefore.isNegative() || renewBefore.compareTo(validity) >= 0) {
                throw new IllegalArgumentException("OCSP responder renewal (" + renewBefore + ") must be shorter than its validity ("
                        + validity + ")");
            }
        }
    }

    /** The delegated OCSP responder: its key and its certificate from the issuing CA. */
    public record Responder(PrivateKey key, X509Certificate certificate) {
    }

    private final Path keystorePath;
    private final char[] password;
    private final String bankName;
    private final ResponderPolicy responderPolicy;
    private final Clock clock;
    private final PrivateKey rootKey;
    private final X509Certificate rootCertificate;
    private final PrivateKey issuingKey;
    private final X509Certificate issuingCertificate;
    private volatile Responder responder;

    private CaKeys(Path keystorePath, char[] password, String bankName, ResponderPolicy responderPolicy, Clock clock,
                   PrivateKey rootKey, X509Certificate rootCertificate, PrivateKey issuingKey, X509Certificate issuingCertificate) {
        this.keystorePath = keystorePath;
        this.password = password.clone();
        this.bankName = bankName;
        this.responderPolicy = responderPolicy;
        this.clock = clock;
        this.rootKey = rootKey;
        this.rootCertificate = rootCertificate;
        this.issuingKey = issuingKey;
        this.issuingCertificate = issuingCertificate;
    }

    /**
     * Loads the CA, or creates it where allowed. Either way the keystore then holds a usable OCSP responder: the
     * keystore must be writable whenever one has to be issued (first start of this version, or renewal due).
     */
    public static CaKeys loadOrCreate(Path keystorePath, char[] password, boolean createIfMissing, String bankName,
                                      ResponderPolicy responderPolicy, Clock clock) {
        if (Files.exists(keystorePath)) {
            CaKeys loaded = load(keystorePath, password, bankName, responderPolicy, clock);
            loaded.renewResponderIfDue();
            return loaded;
        }
        if (!createIfMissing) {
            throw new IllegalStateException("CA keystore " + keystorePath + " does not exist and creating one is "
                    + "switched off (registry.ca.create-if-missing=false)");
        }
        CaKeys created = create(keystorePath, password, bankName, responderPolicy, clock);
        created.responder = created.issueResponder();
        created.store(true);
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

    /** The current delegated OCSP responder (replaced by a renewal while the service runs). */
    public Responder responder() {
        return responder;
    }

    /** Issuing CA first, then root. */
    public List<X509Certificate> chain() {
        return List.of(issuingCertificate, rootCertificate);
    }

    /**
     * Issues a new responder certificate (and key) if the one held is missing, not this issuing CA's, or due for
     * renewal, and writes it to the keystore before using it.
     *
     * @return the new certificate, or empty if the one held stays
     * @throws IllegalStateException if the keystore cannot be written; the responder held so far stays in use
     */
    public synchronized Optional<X509Certificate> renewResponderIfDue() {
        Responder held = responder;
        if (held != null && usable(held)) {
            return Optional.empty();
        }
        Responder renewed = issueResponder();
        Responder previous = responder;
        responder = renewed;
        try {
            store(false);
        } catch (RuntimeException e) {
            responder = previous;
            throw e;
        }
        return Optional.of(renewed.certificate());
    }

    private boolean usable(Responder candidate) {
        X509Certificate certificate = candidate.certificate();
        try {
            if (!certificate.getIssuerX500Principal().equals(issuingCertificate.getSubjectX500Principal())) {
                return false;
            }
            certificate.verify(issuingCertificate.getPublicKey(), BankCrypto.PROVIDER);
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                return false;
            }
            if (!keyMatches(candidate.key(), certificate.getPublicKey())) {
                return false;
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        Instant now = clock.instant();
        return !now.isBefore(certificate.getNotBefore().toInstant())
                && now.plus(responderPolicy.renewBefore()).isBefore(certificate.getNotAfter().toInstant());
    }

    /** A keystore entry could pair a key with another key's certificate: sign and verify once to be sure. */
    private static boolean keyMatches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "ocsp-responder key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(BankCrypto.CA_SIGNATURE_ALGORITHM, BankCrypto.PROVIDER);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(BankCrypto.CA_SIGNATURE_ALGORITHM, BankCrypto.PROVIDER);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static CaKeys load(Path keystorePath, char[] password, String bankName, ResponderPolicy responderPolicy, Clock clock) {
        try {
            KeyStore keyStore = read(keystorePath, password);
            if (!keyStore.isKeyEntry(ROOT_ALIAS) || !keyStore.isKeyEntry(ISSUING_ALIAS)) {
                throw new IllegalStateException("CA keystore " + keystorePath + " lacks the '" + ROOT_ALIAS
                        + "' or '" + ISSUING_ALIAS + "' key entry");
            }
            CaKeys keys = new CaKeys(keystorePath, password, bankName, responderPolicy, clock,
                    (PrivateKey) keyStore.getKey(ROOT_ALIAS, password),
                    (X509Certificate) keyStore.getCertificate(ROOT_ALIAS),
                    (PrivateKey) keyStore.getKey(ISSUING_ALIAS, password),
                    (X509Certificate) keyStore.getCertificate(ISSUING_ALIAS));
            if (keyStore.isKeyEntry(RESPONDER_ALIAS)) {
                keys.responder = new Responder((PrivateKey) keyStore.getKey(RESPONDER_ALIAS, password),
                        (X509Certificate) keyStore.getCertificate(RESPONDER_ALIAS));
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be read", e);
        }
    }

    private static KeyStore read(Path keystorePath, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(keystorePath)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException e) {
            // PKCS12 reports a wrong password as an IOException wrapping UnrecoverableKeyException.
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be opened: wrong password or damaged file", e);
        }
    }

    private static CaKeys create(Path keystorePath, char[] password, String bankName, ResponderPolicy responderPolicy, Clock clock) {
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            KeyPair root = newKeyPair();
            X500Name rootName = name(bankName + " Root CA", bankName);
            X509Certificate rootCertificate = caCertificate(rootName, root.getPublic(), rootName, root, now,
                    ROOT_VALIDITY_DAYS, null, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), -1);
            KeyPair issuing = newKeyPair();
            // Certificates and CRLs only: the OCSP answers are signed by the delegated responder, not by this key.
            X509Certificate issuingCertificate = caCertificate(name(bankName + " Token Issuing CA", bankName),
                    issuing.getPublic(), rootName, root, now, ISSUING_VALIDITY_DAYS, rootCertificate,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), 0);
            return new CaKeys(keystorePath, password, bankName, responderPolicy, clock,
                    root.getPrivate(), rootCertificate, issuing.getPrivate(), issuingCertificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("CA keys cannot be generated", e);
        }
    }

    /**
     * The delegated responder's profile (RFC 6960, 4.2.2.2): issued directly by the issuing CA, extended key usage
     * id-kp-OCSPSigning, key usage digitalSignature, not a CA, and id-pkix-ocsp-nocheck, so that relying parties do
     * not ask about the responder itself; its short validity stands in for revocation.
     */
    private Responder issueResponder() {
        try {
            KeyPair keys = newKeyPair();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = now.plus(responderPolicy.validity());
            if (notAfter.isAfter(issuingCertificate.getNotAfter().toInstant())) {
                notAfter = issuingCertificate.getNotAfter().toInstant();
            }
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(issuingCertificate).getSubject(), serial(),
                    Date.from(now.minus(RESPONDER_BACKDATING)), Date.from(notAfter),
                    name(bankName + " OCSP Responder", bankName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuingCertificate));
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BankCrypto.PROVIDER).getCertificate(
                    builder.build(new JcaContentSignerBuilder(BankCrypto.CA_SIGNATURE_ALGORITHM)
                            .setProvider(BankCrypto.PROVIDER).build(issuingKey)));
            return new Responder(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("OCSP responder certificate cannot be issued", e);
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

    /**
     * Written to a temporary file and moved into place, so a crash never leaves half a keystore. An existing
     * keystore is read first and only the entries this class owns are set, so entries it does not know survive.
     */
    private void store(boolean newKeystore) {
        try {
            Path dir = keystorePath.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            KeyStore keyStore;
            if (newKeystore) {
                keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry(ROOT_ALIAS, rootKey, password, new Certificate[]{rootCertificate});
                keyStore.setKeyEntry(ISSUING_ALIAS, issuingKey, password, new Certificate[]{issuingCertificate, rootCertificate});
            } else {
                keyStore = read(keystorePath, password);
            }
            Responder current = responder;
            keyStore.setKeyEntry(RESPONDER_ALIAS, current.key(), password,
                    new Certificate[]{current.certificate(), issuingCertificate, rootCertificate});
            Path temp = Files.createTempFile(dir, ".ca-", ".p12");
            try {
                restrictToOwner(temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    keyStore.store(out, password);
                }
                try {
                    Files.move(temp, keystorePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, keystorePath, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("CA keystore " + keystorePath + " cannot be written (the OCSP responder "
                    + "certificate is kept in it)", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
