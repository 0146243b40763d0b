package hu.tokenplatform.tokencrypto.attestation;

/**
 * What a verified statement proves: the token with this CSN, holding a device certificate from a pinned
 * token-factory CA, says it generated the key with this hash for this purpose and cannot export it.
 *
 * @param deviceCertificateSerial upper-case hex serial number of the device attestation certificate
 * @param deviceCertificateSha256 lower-case hex SHA-256 of its DER encoding
 */
public record VerifiedKeyAttestation(String csn, KeyPurpose purpose, String publicKeySha256,
                                     String deviceCertificateSerial, String deviceCertificateSha256) {
}
