package hu.tokenplatform.tokencrypto.attestation;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException.Reason;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a token's key attestation statement for the registry, against the token-factory CA certificates it
 * pins: the device certificate chains to one of them and is a current device attestation certificate for the
 * CSN being handed over, the device key signed the statement, and the statement is about that CSN, that purpose
 * and the key in the certificate request. Every member is bounded before anything is parsed; refusals are
 * {@link KeyAttestationException}s with a typed reason. Thread-safe.
 */
public final class KeyAttestationVerifier {

    public static final int MAX_DEVICE_CERTIFICATE_CHARS = 8_192;
    /** A DER ECDSA signature on P-384 is at most 104 bytes, 139 base64url characters. */
    public static final int MAX_SIGNATURE_CHARS = 256;
    private static final int MAX_MEMBER_CHARS = 64;
    private static final int MAX_KEY_PROPERTIES = 8;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final String KEY_USAGE_OID = Extension.keyUsage.getId();
    private static final String EXTENDED_KEY_USAGE_OID = Extension.extendedKeyUsage.getId();
    /** The only extensions a device certificate may mark critical. */
    private static final Set<String> DEVICE_CRITICAL_EXTENSIONS =
            Set.of(Extension.basicConstraints.getId(), KEY_USAGE_OID, EXTENDED_KEY_USAGE_OID);
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final Set<String> PURPOSES = Set.of(KeyPurpose.LOGIN.name(), KeyPurpose.SIGNING.name());

    private final List<X509Certificate> factoryCas;
    private final Clock clock;

    /**
     * @param factoryCaCertificates the token-factory CA certificates to trust, pinned by configuration
     * @throws IllegalArgumentException if there is none, or one is not a CA certificate that may sign certificates
     */
    public KeyAttestationVerifier(Collection<X509Certificate> factoryCaCertificates, Clock clock) {
        if (factoryCaCertificates == null || factoryCaCertificates.isEmpty()) {
            throw new IllegalArgumentException("at least one token-factory CA certificate is needed");
        }
        for (X509Certificate ca : factoryCaCertificates) {
            boolean[] keyUsage = ca.getKeyUsage();
            if (ca.getBasicConstraints() < 0 || keyUsage == null || keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN]) {
                throw new IllegalArgumentException("a token-factory CA certificate must be a CA certificate with keyCertSign: "
                        + ca.getSubjectX500Principal().getName());
            }
        }
        this.factoryCas = List.copyOf(factoryCaCertificates);
        this.clock = clock;
    }

    /**
     * @param csn     the CSN of the token being handed over
     * @param purpose the purpose of the certificate request the statement comes with
     * @param key     the public key of that certificate request
     * @throws KeyAttestationException if the statement does not prove that this token generated this key
     */
    public VerifiedKeyAttestation verify(KeyAttestationStatement statement, String csn, KeyPurpose purpose, PublicKey key) {
        Objects.requireNonNull(csn, "csn");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(key, "key");
        requireWellFormed(statement);
        X509Certificate device = deviceCertificate(statement.deviceCertificate());
        requireIssuedByAFactoryCa(device);
        requireCurrent(device);
        requireDeviceProfile(device);
        requireSignedByTheDevice(statement, device);
        if (!csn.equals(deviceCsn(device))) {
            throw new KeyAttestationException(Reason.DEVICE_OF_ANOTHER_TOKEN,
                    "the device certificate belongs to another token than the one handed over");
        }
        // The device certificate carries the CSN in its SERIALNUMBER; with the check above, the statement's CSN is
        // the device's own as well as the handed-over token's.
        if (!csn.equals(statement.csn())) {
            throw new KeyAttestationException(Reason.CSN_MISMATCH, "the statement is about another token");
        }
        if (!purpose.name().equals(statement.purpose())) {
            throw new KeyAttestationException(Reason.PURPOSE_MISMATCH,
                    "the statement attests a key for another purpose than " + purpose);
        }
        String keyHash;
        try {
            keyHash = KeyAttestation.publicKeySha256(key);
        } catch (IllegalArgumentException e) {
            throw new KeyAttestationException(Reason.KEY_MISMATCH, "the key to be certified cannot be hashed", e);
        }
        if (!MessageDigest.isEqual(keyHash.getBytes(StandardCharsets.US_ASCII),
                statement.publicKeySha256().getBytes(StandardCharsets.US_ASCII))) {
            throw new KeyAttestationException(Reason.KEY_MISMATCH, "the statement attests another key than the request's");
        }
        return new VerifiedKeyAttestation(csn, purpose, keyHash, device.getSerialNumber().toString(16).toUpperCase(),
                sha256Hex(device));
    }

    /** Bounds and forms first: nothing larger than a genuine statement is parsed. */
    private static void requireWellFormed(KeyAttestationStatement statement) {
        if (statement == null) {
            throw malformed("no statement");
        }
        requireBounded(statement.format(), MAX_MEMBER_CHARS, "format");
        requireBounded(statement.csn(), MAX_MEMBER_CHARS, "csn");
        requireBounded(statement.purpose(), MAX_MEMBER_CHARS, "purpose");
        requireBounded(statement.publicKeySha256(), MAX_MEMBER_CHARS, "publicKeySha256");
        requireBounded(statement.signature(), MAX_SIGNATURE_CHARS, "signature");
        requireBounded(statement.deviceCertificate(), MAX_DEVICE_CERTIFICATE_CHARS, "deviceCertificate");
        List<String> properties = statement.keyProperties();
        if (properties == null) {
            throw malformed("keyProperties is missing");
        }
        if (properties.size() > MAX_KEY_PROPERTIES) {
            throw new KeyAttestationException(Reason.TOO_LARGE, "keyProperties has too many entries");
        }
        for (String property : properties) {
            requireBounded(property, MAX_MEMBER_CHARS, "keyProperties");
        }
        if (!KeyAttestation.FORMAT.equals(statement.format())) {
            throw new KeyAttestationException(Reason.UNSUPPORTED_FORMAT, "format must be " + KeyAttestation.FORMAT);
        }
        if (!Identifiers.isCsn(statement.csn())) {
            throw malformed("csn must be 8 to 16 upper-case hexadecimal characters");
        }
        if (!PURPOSES.contains(statement.purpose())) {
            throw malformed("purpose must be LOGIN or SIGNING");
        }
        if (!KeyAttestation.SHA256_HEX.matcher(statement.publicKeySha256()).matches()) {
            throw malformed("publicKeySha256 must be 64 lower-case hexadecimal characters");
        }
        if (!KeyAttestation.KEY_PROPERTIES.equals(properties)) {
            throw new KeyAttestationException(Reason.UNSUPPORTED_KEY_PROPERTIES,
                    "keyProperties must be exactly " + KeyAttestation.KEY_PROPERTIES);
        }
        if (!BASE64URL.matcher(statement.signature()).matches()) {
            throw malformed("signature must be base64url");
        }
    }

    private static void requireBounded(String member, int maxChars, String name) {
        if (member == null) {
            throw malformed(name + " is missing");
        }
        if (member.length() > maxChars) {
            throw new KeyAttestationException(Reason.TOO_LARGE, name + " is longer than " + maxChars + " characters");
        }
    }

    private static X509Certificate deviceCertificate(String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw malformed("deviceCertificate must be one PEM certificate");
        }
        if (certificates.size() != 1) {
            // The chain is exactly factory CA -> device certificate: nothing in between is trusted, so none is taken.
            throw new KeyAttestationException(Reason.UNTRUSTED_DEVICE_CERTIFICATE,
                    "the device certificate must be issued by a trusted token-factory CA directly, without a chain");
        }
        return certificates.get(0);
    }

    /** Issued directly by a pinned factory CA valid now: its name, its key identifier (when both say one), its signature. */
    private void requireIssuedByAFactoryCa(X509Certificate device) {
        for (X509Certificate ca : factoryCas) {
            if (!ca.getSubjectX500Principal().equals(device.getIssuerX500Principal()) || !keyIdentifiersMatch(ca, device)) {
                continue;
            }
            try {
                device.verify(ca.getPublicKey(), AttestationCrypto.PROVIDER);
                ca.checkValidity(Date.from(clock.instant()));
                return;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this CA, or this CA is not valid now: try the next one
            }
        }
        throw new KeyAttestationException(Reason.UNTRUSTED_DEVICE_CERTIFICATE,
                "the device certificate was not issued by a trusted token-factory CA");
    }

    private void requireCurrent(X509Certificate device) {
        try {
            device.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new KeyAttestationException(Reason.DEVICE_CERTIFICATE_EXPIRED, "the device certificate has expired");
        } catch (CertificateNotYetValidException e) {
            throw new KeyAttestationException(Reason.DEVICE_CERTIFICATE_NOT_YET_VALID, "the device certificate is not valid yet");
        }
    }

    /**
     * The device attestation certificate profile (docs/key-attestation.md), all of it: not a CA; key usage
     * digitalSignature and nothing else, critical; extended key usage token key attestation and nothing else,
     * critical; no other critical extension (one this verifier does not know could restrict the certificate in a way
     * it would ignore); an EC P-256 key; exactly one SERIALNUMBER, a CSN.
     */
    private static void requireDeviceProfile(X509Certificate device) {
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = device.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            extendedKeyUsage = null;
        }
        Set<String> critical = device.getCriticalExtensionOIDs();
        String csn = deviceCsn(device);
        boolean profile = device.getBasicConstraints() < 0
                && isDigitalSignatureOnly(device.getKeyUsage())
                && List.of(KeyAttestation.DEVICE_ATTESTATION_KEY_PURPOSE).equals(extendedKeyUsage)
                && critical != null && critical.contains(KEY_USAGE_OID) && critical.contains(EXTENDED_KEY_USAGE_OID)
                && DEVICE_CRITICAL_EXTENSIONS.containsAll(critical)
                && isP256(device.getPublicKey())
                && Identifiers.isCsn(csn);
        if (!profile) {
            throw new KeyAttestationException(Reason.NOT_A_DEVICE_CERTIFICATE,
                    "the certificate is not a token's device attestation certificate");
        }
    }

    private static boolean isDigitalSignatureOnly(boolean[] keyUsage) {
        if (keyUsage == null || keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE]) {
            return false;
        }
        for (int bit = DIGITAL_SIGNATURE + 1; bit < keyUsage.length; bit++) {
            if (keyUsage[bit]) {
                return false;
            }
        }
        return true;
    }

    /** An EC key on the named curve P-256, as every token's device key is. */
    private static boolean isP256(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return false;
        }
        try {
            AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
            return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                    && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * When the device certificate names its issuer's key (authority key identifier) and the CA names its own
     * (subject key identifier), they are the same: a CA of the same name with another key is not the issuer.
     */
    private static boolean keyIdentifiersMatch(X509Certificate ca, X509Certificate device) {
        try {
            byte[] authority = device.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            byte[] subject = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (authority == null || subject == null) {
                return true;
            }
            byte[] named = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(authority).getOctets()).getKeyIdentifier();
            byte[] own = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(subject).getOctets()).getKeyIdentifier();
            return named == null || MessageDigest.isEqual(named, own);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void requireSignedByTheDevice(KeyAttestationStatement statement, X509Certificate device) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(statement.signature());
        } catch (IllegalArgumentException e) {
            throw malformed("signature must be base64url");
        }
        byte[] tbs = KeyAttestation.toBeSigned(statement.csn(), KeyPurpose.valueOf(statement.purpose()), statement.publicKeySha256());
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(KeyAttestation.SIGNATURE_ALGORITHM, AttestationCrypto.PROVIDER);
            verifier.initVerify(device.getPublicKey());
            verifier.update(tbs);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new KeyAttestationException(Reason.BAD_SIGNATURE, "the device key did not sign this statement");
        }
    }

    /** The single SERIALNUMBER of the subject, or null. */
    private static String deviceCsn(X509Certificate device) {
        RDN[] serialNumbers = X500Name.getInstance(device.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.SERIALNUMBER);
        if (serialNumbers.length != 1 || serialNumbers[0].isMultiValued()
                || !(serialNumbers[0].getFirst().getValue() instanceof ASN1String value)) {
            return null;
        }
        return value.getString();
    }

    private static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the device certificate cannot be fingerprinted", e);
        }
    }

    private static KeyAttestationException malformed(String message) {
        return new KeyAttestationException(Reason.MALFORMED, message);
    }
}
