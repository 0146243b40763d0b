package hu.tokenplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a branch officer does in the registry for a new Electra / e-posta customer: company, user, token stock,
 * and the hand-over after personal identification, with the keys generated on the token at the counter (sent with
 * the token's attestation that it generated them) and the issued certificates written back to it.
 */
public final class Branch {

    private final StaffApi registry;

    public Branch(StaffApi registry) {
        this.registry = registry;
    }

    public void registerCompany(String companyId, String name) {
        registry.post("/companies", Map.of("companyId", companyId, "name", name, "contracts", List.of("ELECTRA", "E_POSTA")));
    }

    public void registerUser(String customerId, String name, String companyId, boolean signingRight) {
        registry.post("/users", Map.of("customerId", customerId, "name", name, "companyId", companyId,
                "services", List.of("ELECTRA", "E_POSTA"), "signingRight", signingRight));
    }

    public void receiveStock(String deliveryReference, List<String> csns) {
        registry.post("/tokens/stock", Map.of("deliveryReference", deliveryReference, "model", "Virtual token", "csns", csns));
    }

    /**
     * The hand-over: generates the login key (and the signing key with a signing right) on the token, sends the
     * requests and the token's attestations with the identification to the registry, and writes the issued
     * certificates to the token.
     *
     * @return the registry's answer (token state, certificates, CA chain)
     */
    public JsonNode handOver(TokenManagerProgram token, String customerId, String csn, boolean signingRight,
                             String identityDocumentNumber, Path workDirectory) {
        try {
            Path requests = Files.createDirectories(workDirectory.resolve("requests-" + csn));
            if (signingRight) {
                token.run("", "enrol", "generate-keys", "--out", requests.toString(), "--signing").requireSuccess("enrol generate-keys");
            } else {
                token.run("", "enrol", "generate-keys", "--out", requests.toString()).requireSuccess("enrol generate-keys");
            }
            Map<String, Object> handOver = new LinkedHashMap<>();
            handOver.put("customerId", customerId);
            handOver.put("csn", csn);
            handOver.put("identification", Map.of("documentType", "ID_CARD", "documentNumber", identityDocumentNumber));
            handOver.put("branch", "BUDAPEST-01");
            handOver.put("loginCsr", Files.readString(requests.resolve("login-csr.pem")));
            handOver.put("loginAttestation", StaffApi.JSON.readTree(requests.resolve("login-attestation.json").toFile()));
            if (signingRight) {
                handOver.put("signingCsr", Files.readString(requests.resolve("signing-csr.pem")));
                handOver.put("signingAttestation", StaffApi.JSON.readTree(requests.resolve("signing-attestation.json").toFile()));
            }
            JsonNode result = registry.post("/hand-overs", handOver);
            Path login = null;
            Path signing = null;
            for (JsonNode certificate : result.path("certificates")) {
                Path file = requests.resolve(certificate.path("usage").asText().toLowerCase(Locale.ROOT) + "-certificate.pem");
                Files.writeString(file, certificate.path("pem").asText());
                if ("LOGIN".equals(certificate.path("usage").asText())) {
                    login = file;
                } else {
                    signing = file;
                }
            }
            if (login == null) {
                throw new IllegalStateException("the registry issued no login certificate: " + result);
            }
            if (signing == null) {
                token.run("", "enrol", "write-certificates", "--login", login.toString()).requireSuccess("enrol write-certificates");
            } else {
                token.run("", "enrol", "write-certificates", "--login", login.toString(), "--signing", signing.toString())
                        .requireSuccess("enrol write-certificates");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
