package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.certificate.ca.VerifiedCsr;
import hu.tokenplatform.registry.config.RegistryConfig;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationVerifier;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.attestation.Pem;
import hu.tokenplatform.tokencrypto.attestation.VerifiedKeyAttestation;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The registry's side of key attestation (docs/key-attestation.md): a key is certified only if the token being
 * handed over proves it generated it. The token-factory CA certificates are pinned by configuration and loaded
 * before the service takes requests; without a readable CA certificate the registry does not start.
 */
@Startup
@ApplicationScoped
public class TokenKeyAttestations {

    private final KeyAttestationVerifier verifier;

    @Inject
    public TokenKeyAttestations(RegistryConfig config, Clock clock) {
        Path file = config.attestation().factoryCaCertificates();
        List<X509Certificate> factoryCas;
        try {
            factoryCas = Pem.readCertificates(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("registry.attestation.factory-ca-certificates: " + file + " cannot be read", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("registry.attestation.factory-ca-certificates: " + file + " must hold PEM certificates and nothing else", e);
        }
        try {
            this.verifier = new KeyAttestationVerifier(factoryCas, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("registry.attestation.factory-ca-certificates: " + e.getMessage(), e);
        }
    }

    /**
     * @param field     the request member the statement came in, named in every refusal
     * @param statement null when the member was not sent
     * @param csn       the token being handed over
     * @param csr       the verified request whose key the statement must be about
     */
    VerifiedKeyAttestation verify(String field, KeyAttestationStatement statement, String csn, KeyPurpose purpose,
                                  VerifiedCsr csr) {
        if (statement == null) {
            throw HandOverRefusal.ATTESTATION_REQUIRED.exception(field + " is required: the token's signed statement "
                    + "that it generated the " + purpose + " key on the token. Token Manager's 'enrol generate-keys' writes it.");
        }
        try {
            return verifier.verify(statement, csn, purpose, csr.publicKey());
        } catch (KeyAttestationException e) {
            throw new AuditedRefusalException(HandOverRefusal.ATTESTATION_INVALID,
                    field + " refused (" + e.reason() + "): " + e.getMessage() + ".",
                    Map.of("field", field, "attestationRefusal", e.reason().name(), "publicKeySha256", csr.publicKeySha256()));
        }
    }
}
