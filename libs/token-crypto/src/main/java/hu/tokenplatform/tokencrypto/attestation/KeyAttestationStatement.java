package hu.tokenplatform.tokencrypto.attestation;

import java.util.List;

/**
 * A token's statement that it generated a key, as it travels from the token through the branch to the registry
 * (JSON with exactly these member names). Everything in it is untrusted until {@link KeyAttestationVerifier}
 * has checked it; see {@link KeyAttestation} for what is signed.
 *
 * @param format            {@value KeyAttestation#FORMAT}
 * @param csn               the token's CSN
 * @param purpose           {@code LOGIN} or {@code SIGNING}
 * @param publicKeySha256   lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo (canonical form)
 * @param keyProperties     {@code ["generated-on-token", "not-exportable"]}
 * @param signature         base64url (no padding) DER ECDSA signature by the token's device attestation key
 * @param deviceCertificate PEM of the token's device attestation certificate, issued by the token-factory CA
 */
public record KeyAttestationStatement(String format, String csn, String purpose, String publicKeySha256,
                                      List<String> keyProperties, String signature, String deviceCertificate) {
}
