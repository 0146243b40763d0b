package hu.tokenplatform.tokencrypto.attestation;

import hu.tokenplatform.events.Identifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
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
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

/**
 * The token-factory CA: kept by the bank beside its bank CA but separate from it, it certifies nothing but the
 * device attestation keys of the tokens the factory makes. Its own self-signed root (EC P-384,
 * SHA384withECDSA, keyCertSign and cRLSign only, path length 0) in a PKCS#12 keystore holding one entry, alias
 * {@value #ALIAS}. Created once (development, tests, a new bank), loaded everywhere else; only the factory holds
 * the keystore, the registry pins the certificate.
 * <p>
 * A device attestation certificate: subject {@code CN=Token <CSN>, SERIALNUMBER=<CSN>, O=<bank>, C=HU}, the
 * token's EC key, key usage digitalSignature (critical), extended key usage
 * {@value KeyAttestation#DEVICE_ATTESTATION_KEY_PURPOSE} "token key attestation" (critical: good for nothing
 * else), not a CA, valid for the life of the token.
 */
public final class TokenFactoryCa {

    public static final String ALIAS = "token-factory-ca";
    public static final long CA_VALIDITY_DAYS = 30L * 365;
    /** The life of a token: it outlives several four-year login and signing certificates. */
    public static final long DEVICE_CERTIFICATE_VALIDITY_DAYS = 15L * 365;

    private static final String SIGNATURE_ALGORITHM = "SHA384withECDSA";
    private static final KeyPurposeId TOKEN_KEY_ATTESTATION =
            KeyPurposeId.getInstance(new ASN1ObjectIdentifier(KeyAttestation.DEVICE_ATTESTATION_KEY_PURPOSE));

    private final PrivateKey key;
    private final X509Certificate certificate;

    private TokenFactoryCa(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new CA with a fresh key, named after the bank ({@code CN=<bank> Token Factory CA, O=<bank>, C=HU}). */
    public static TokenFactoryCa create(String bankName, Clock clock) {
        Objects.requireNonNull(bankName, "bankName");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", AttestationCrypto.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp384r1"), AttestationCrypto.RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, bankName + " Token Factory CA")
                    .addRDN(BCStyle.O, bankName)
                    .addRDN(BCStyle.C, "HU")
                    .build();
            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(CA_VALIDITY_DAYS, ChronoUnit.DAYS)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new TokenFactoryCa(pair.getPrivate(), sign(builder, pair.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("the token-factory CA cannot be created", e);
        }
    }

    /** @throws IllegalStateException for a wrong password, a damaged file or a keystore that is not a factory CA's */
    public static TokenFactoryCa load(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (store.size() != 1 || !store.isKeyEntry(ALIAS)
                    || !(store.getKey(ALIAS, password) instanceof PrivateKey key)
                    || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw new IllegalStateException("the keystore must hold exactly one key entry '" + ALIAS + "'");
            }
            if (certificate.getBasicConstraints() < 0 || !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                throw new IllegalStateException("the keystore's certificate is not a self-signed CA certificate");
            }
            return new TokenFactoryCa(key, certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the token-factory CA keystore cannot be read (wrong password or damaged file)", e);
        }
    }

    /** Writes the keystore, readable by its owner only; refuses to overwrite an existing file. */
    public void store(Path keystore, char[] password) {
        if (Files.exists(keystore)) {
            throw new IllegalStateException("a file exists already at " + keystore + "; a CA keystore is never overwritten");
        }
        try {
            Path directory = keystore.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, new Certificate[]{certificate});
            Path temporary = Files.createTempFile(directory, ".factory-ca-", ".p12");
            try {
                if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, password);
                }
                // Written whole, then moved into place: a crash never leaves half a keystore behind.
                Files.move(temporary, keystore, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the token-factory CA keystore cannot be written to " + keystore, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A device attestation certificate from now for the life of the token (never beyond the CA's own validity). */
    public X509Certificate issueDeviceCertificate(String csn, PublicKey deviceKey, Clock clock) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(DEVICE_CERTIFICATE_VALIDITY_DAYS, ChronoUnit.DAYS);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        return issueDeviceCertificate(csn, deviceKey, notBefore, notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter);
    }

    /** A device attestation certificate with the given validity (tests use it for expired certificates). */
    public X509Certificate issueDeviceCertificate(String csn, PublicKey deviceKey, Instant notBefore, Instant notAfter) {
        if (!Identifiers.isCsn(csn)) {
            throw new IllegalArgumentException("CSN must be 8 to 16 upper-case hexadecimal characters");
        }
        if (!(deviceKey instanceof ECPublicKey)) {
            throw new IllegalArgumentException("a device attestation key is an EC key");
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "Token " + csn)
                    .addRDN(BCStyle.SERIALNUMBER, csn)
                    .addRDN(BCStyle.O, organisation())
                    .addRDN(BCStyle.C, "HU")
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, deviceKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(TOKEN_KEY_ATTESTATION))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(deviceKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder, key);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("the device attestation certificate cannot be issued", e);
        }
    }

    private String organisation() {
        RDN[] organisations = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.O);
        return organisations.length > 0 && organisations[0].getFirst().getValue() instanceof ASN1String name
                ? name.getString() : "Token Factory";
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(AttestationCrypto.PROVIDER).getCertificate(builder.build(
                new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(AttestationCrypto.PROVIDER).build(signer)));
    }

    /** Positive 127-bit serial from a CSPRNG. */
    private static BigInteger serial() {
        return new BigInteger(127, AttestationCrypto.RANDOM).setBit(126);
    }
}
