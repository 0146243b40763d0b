package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;

/**
 * A key pair the token just generated: the certificate request for the bank's CA and the token's signed
 * statement that the key was generated on it and cannot leave it. The registry certifies the key only with both.
 *
 * @param csrPem      PKCS#10 request in PEM, self-signed by the new key
 * @param attestation signed by the token's device attestation key
 */
public record GeneratedKey(String csrPem, KeyAttestationStatement attestation) {
}
