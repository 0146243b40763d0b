package hu.tokenplatform.registry.certificate.ca;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;

/**
 * Checks a PKCS#10 request generated on a token: well-formed PEM, a self-signature that proves possession of
 * the private key, an allowed key (EC P-256/P-384, RSA 2048–8192) and a SHA-2 signature. The CA ignores the
 * subject in the request and sets its own.
 */
public final class CsrVerifier {

    public static final int MAX_PEM_CHARS = 16_384;
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;

    private static final Map<ASN1ObjectIdentifier, String> ALLOWED_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");

    private static final Set<ASN1ObjectIdentifier> ALLOWED_SIGNATURES = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption);

    public VerifiedCsr verify(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCsrException(InvalidCsrException.Reason.MALFORMED, "no certificate signing request");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new InvalidCsrException(InvalidCsrException.Reason.TOO_LARGE,
                    "certificate signing request longer than " + MAX_PEM_CHARS + " characters");
        }
        JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(parse(pem)).setProvider(BankCrypto.PROVIDER);
        if (!ALLOWED_SIGNATURES.contains(request.getSignatureAlgorithm().getAlgorithm())) {
            throw new InvalidCsrException(InvalidCsrException.Reason.WEAK_SIGNATURE_ALGORITHM,
                    "the request must be signed with SHA-256 or stronger");
        }
        PublicKey publicKey;
        try {
            publicKey = request.getPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidCsrException(InvalidCsrException.Reason.MALFORMED, "the public key cannot be read");
        }
        String keyDescription = describeAllowedKey(request, publicKey);
        verifyProofOfPossession(request, publicKey);
        String publicKeySha256;
        try {
            publicKeySha256 = KeyAttestation.publicKeySha256(publicKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidCsrException(InvalidCsrException.Reason.MALFORMED, "the public key cannot be read");
        }
        return new VerifiedCsr(request, publicKey, keyDescription, publicKeySha256);
    }

    private static PKCS10CertificationRequest parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PKCS10CertificationRequest request) {
                return request;
            }
        } catch (IOException | RuntimeException e) {
            // falls through: what the parser choked on is the sender's input and is not repeated back
        }
        throw new InvalidCsrException(InvalidCsrException.Reason.MALFORMED,
                "not a PEM 'CERTIFICATE REQUEST' (PKCS#10)");
    }

    private static String describeAllowedKey(PKCS10CertificationRequest request, PublicKey publicKey) {
        ASN1ObjectIdentifier keyAlgorithm = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyAlgorithm)) {
            var parameters = request.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
            String curve = parameters instanceof ASN1ObjectIdentifier oid ? ALLOWED_CURVES.get(oid) : null;
            if (curve == null) {
                throw new InvalidCsrException(InvalidCsrException.Reason.KEY_TYPE_NOT_ALLOWED,
                        "EC keys must be on the named curve P-256 or P-384");
            }
            return "EC " + curve;
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(keyAlgorithm) && publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new InvalidCsrException(InvalidCsrException.Reason.KEY_TOO_SMALL,
                        "RSA keys need at least " + MIN_RSA_BITS + " bits, this one has " + bits);
            }
            if (bits > MAX_RSA_BITS) {
                throw new InvalidCsrException(InvalidCsrException.Reason.KEY_TYPE_NOT_ALLOWED,
                        "RSA keys above " + MAX_RSA_BITS + " bits are not supported");
            }
            return "RSA " + bits;
        }
        throw new InvalidCsrException(InvalidCsrException.Reason.KEY_TYPE_NOT_ALLOWED,
                "only EC P-256, EC P-384 and RSA keys are allowed");
    }

    private static void verifyProofOfPossession(JcaPKCS10CertificationRequest request, PublicKey publicKey) {
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BankCrypto.PROVIDER).build(publicKey));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidCsrException(InvalidCsrException.Reason.BAD_SIGNATURE,
                    "the request is not signed by the key it contains (no proof of possession)");
        }
    }
}
