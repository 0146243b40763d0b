package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.PublicKey;

/**
 * A CSR whose self-signature proved possession of an allowed key; {@code keyDescription} reads e.g. "EC P-256",
 * {@code publicKeySha256} is the key's canonical hash (libs/token-crypto {@code KeyAttestation}), the same however
 * the request encoded the key.
 */
public record VerifiedCsr(PKCS10CertificationRequest request, PublicKey publicKey, String keyDescription,
                          String publicKeySha256) {
}
