package hu.tokenplatform.tokencrypto.attestation;

import hu.tokenplatform.events.Identifiers;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The key attestation statement a token signs when it generates a LOGIN or SIGNING key, shared by the token
 * (and its factory) and the registry (see docs/key-attestation.md), in the spirit of PIV and FIDO attestation:
 * <pre>
 * TBS = "TP-KEY-ATTESTATION-V1" 0x00 CSN 0x00 purpose 0x00 hex(SHA-256(SubjectPublicKeyInfo)) 0x00
 *       "generated-on-token,not-exportable"
 * </pre>
 * all ASCII, signed SHA256withECDSA (DER) by the token's device attestation key, whose certificate the
 * token-factory CA issued for that CSN. The key is hashed in one canonical DER form (named curve, uncompressed
 * point for EC), so the same key always has the same hash however a request encodes it: the registry relies on
 * that to certify a key only once. The fixed vectors in the tests pin this format: changing it breaks every token
 * in the field.
 */
public final class KeyAttestation {

    public static final String FORMAT = "tp-key-attestation-v1";
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    public static final List<String> KEY_PROPERTIES = List.of("generated-on-token", "not-exportable");
    /** Extended key usage of a device attestation certificate: "token key attestation" (placeholder arc). */
    public static final String DEVICE_ATTESTATION_KEY_PURPOSE = "1.3.6.1.4.1.99999.2.1";

    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] DOMAIN = "TP-KEY-ATTESTATION-V1".getBytes(StandardCharsets.US_ASCII);

    private KeyAttestation() {
    }

    /**
     * The bytes the device key signs.
     *
     * @throws IllegalArgumentException if a part is malformed; nothing malformed is ever signed
     */
    public static byte[] toBeSigned(String csn, KeyPurpose purpose, String publicKeySha256) {
        if (!Identifiers.isCsn(csn)) {
            throw new IllegalArgumentException("CSN must be 8 to 16 upper-case hexadecimal characters");
        }
        if (purpose == null) {
            throw new IllegalArgumentException("no key purpose");
        }
        if (publicKeySha256 == null || !SHA256_HEX.matcher(publicKeySha256).matches()) {
            throw new IllegalArgumentException("the key hash must be 64 lower-case hexadecimal characters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN);
        for (String part : new String[]{csn, purpose.name(), publicKeySha256, String.join(",", KEY_PROPERTIES)}) {
            out.write(0);
            out.writeBytes(part.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256 of the key's canonical DER SubjectPublicKeyInfo. */
    public static String publicKeySha256(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalPublicKeyInfo(key)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The key's SubjectPublicKeyInfo re-encoded in DER: EC keys with their named curve and an uncompressed point,
     * RSA keys with minimal integers. A compressed point or a padded modulus names the same key and gets the same
     * bytes here.
     *
     * @throws IllegalArgumentException for a key that cannot be read, or an EC key with explicit curve parameters
     */
    public static byte[] canonicalPublicKeyInfo(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException("the public key has no encoding");
        }
        AsymmetricKeyParameter parameters;
        try {
            parameters = PublicKeyFactory.createKey(encoded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the public key cannot be read", e);
        }
        if (parameters instanceof ECPublicKeyParameters ec && !(ec.getParameters() instanceof ECNamedDomainParameters)) {
            throw new IllegalArgumentException("EC keys must name their curve");
        }
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(parameters).getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the public key cannot be encoded", e);
        }
    }

    /**
     * What the token does after generating a key: signs the statement for it with its device attestation key.
     *
     * @param deviceKey         the token's device attestation key; it signs nothing but these statements
     * @param deviceCertificate its certificate from the token-factory CA, sent along for the verifier
     */
    public static KeyAttestationStatement attest(String csn, KeyPurpose purpose, PublicKey attestedKey,
                                                 PrivateKey deviceKey, X509Certificate deviceCertificate) {
        String keyHash = publicKeySha256(attestedKey);
        byte[] tbs = toBeSigned(csn, purpose, keyHash);
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM, AttestationCrypto.PROVIDER);
            signer.initSign(deviceKey, AttestationCrypto.RANDOM);
            signer.update(tbs);
            return new KeyAttestationStatement(FORMAT, csn, purpose.name(), keyHash, KEY_PROPERTIES,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()), Pem.certificate(deviceCertificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the attestation statement cannot be signed", e);
        }
    }
}
