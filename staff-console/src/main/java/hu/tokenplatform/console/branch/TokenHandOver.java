package hu.tokenplatform.console.branch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Comparator;

/**
 * The hand-over of a token from stock after personal identification. The console carries what Token Manager wrote
 * at the desk to the registry, which checks the requests and the token's attestations and issues the certificates;
 * the officer then takes them back to the token ({@code token-manager enrol write-certificates}).
 */
@ApplicationScoped
public class TokenHandOver {

    /** A token's certificate request is well under 2 KiB; a bound far above it keeps the form within its limit. */
    static final int CSR_MAX_CHARS = 4096;
    /** A key attestation with its device certificate is about 2 KiB. */
    static final int ATTESTATION_MAX_CHARS = 4096;
    private static final String CSR_BEGIN = "-----BEGIN CERTIFICATE REQUEST-----";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @RestClient
    RegistryBranchClient registry;

    public HandOverResult handOver(HandOverForm form) {
        String replaces = BranchInput.strip(form.replacesCsn()).isEmpty() ? null : BranchInput.csn(form.replacesCsn());
        boolean signing = !BranchInput.strip(form.signingCsr()).isEmpty() || !BranchInput.strip(form.signingAttestation()).isEmpty();
        HandOverRequest request = new HandOverRequest(
                BranchInput.customerId(form.customerId()),
                BranchInput.csn(form.csn()),
                new HandOverRequest.Identification(
                        BranchInput.choice(IdentityDocument.class, form.documentType(), "invalid-document-type").name(),
                        BranchInput.documentNumber(form.documentNumber())),
                BranchInput.branch(form.branch()),
                csr(form.loginCsr(), "invalid-login-csr"),
                attestation(form.loginAttestation(), "invalid-login-attestation"),
                signing ? csr(form.signingCsr(), "invalid-signing-csr") : null,
                signing ? attestation(form.signingAttestation(), "invalid-signing-attestation") : null,
                replaces);
        return BranchInput.call(() -> registry.handOver(request));
    }

    /**
     * The token's valid certificate of one usage, to write to the token. The registry serves a token's certificates
     * to the branch at any time, so the download needs nothing kept from the hand-over's page.
     */
    public IssuedCertificate certificate(String csn, CertificateUsage usage) {
        String token = BranchInput.csn(csn);
        return BranchInput.call(() -> registry.certificatesOf(token)).stream()
                .filter(IssuedCertificate::valid)
                .filter(certificate -> usage.name().equals(certificate.usage()))
                .max(Comparator.comparing(IssuedCertificate::notBefore))
                .orElseThrow(() -> new BranchInputException("no-valid-certificate"));
    }

    private static String csr(String value, String code) {
        String pem = BranchInput.strip(value);
        if (pem.isEmpty() || pem.length() > CSR_MAX_CHARS || !pem.startsWith(CSR_BEGIN)) {
            throw new BranchInputException(code);
        }
        return pem + "\n";
    }

    /** A JSON object as Token Manager wrote it; what it says, the registry checks. */
    private static JsonNode attestation(String value, String code) {
        String text = BranchInput.strip(value);
        if (text.isEmpty() || text.length() > ATTESTATION_MAX_CHARS) {
            throw new BranchInputException(code);
        }
        try {
            JsonNode statement = JSON.readTree(text);
            if (statement == null || !statement.isObject()) {
                throw new BranchInputException(code);
            }
            return statement;
        } catch (JsonProcessingException e) {
            throw new BranchInputException(code);
        }
    }
}
