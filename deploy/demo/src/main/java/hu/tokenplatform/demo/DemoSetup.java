package hu.tokenplatform.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Gives the local platform a demo user with a token, the way the bank would: the token factory makes a virtual
 * token from the master unlock key and the token-factory CA, a branch officer (signed in to Keycloak) registers the company and the user
 * and hands the token over, and sets the user's e-PIN for the helpdesk. Runs once; later starts only rewrite the
 * user's Token Manager configuration and the summary. The user sets the PIN at first use, as the letter says.
 */
public final class DemoSetup {

    static final String COMPANY_ID = "DEMO-KFT";
    static final String CUSTOMER_ID = "12345678";
    static final String CSN = "0DE1110000000001";
    static final String E_PIN = "739146";
    static final String LEGACY_PASSWORD = "Demo-Password-2019";

    private final Map<String, String> environment;
    private final Path directory;

    private DemoSetup(Map<String, String> environment) {
        this.environment = environment;
        this.directory = Path.of(required("DEMO_VAR"));
    }

    static DemoSetup fromEnvironment(Map<String, String> environment) {
        return new DemoSetup(environment);
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path token = directory.resolve("token");
        TokenManagerProgram tokenManager = new TokenManagerProgram(Path.of(required("TOKEN_MANAGER_JAR")), token);
        if (!Files.exists(token.resolve("token.state"))) {
            handOverDemoToken(tokenManager);
        }
        writeUsersTokenManager();
        writeSummary();
    }

    private void handOverDemoToken(TokenManagerProgram tokenManager) throws InterruptedException {
        URI keycloak = URI.create(required("KEYCLOAK_URL"));
        String realm = environment.getOrDefault("KEYCLOAK_REALM", "token-platform");
        StaffApi registry = new StaffApi(URI.create(required("REGISTRY_URL")), StaffApi.signIn(keycloak, realm, "officer", required("OFFICER_PASSWORD")));
        Branch branch = new Branch(registry);
        ignoreConflict(() -> branch.registerCompany(COMPANY_ID, "Demo Kft."));
        ignoreConflict(() -> branch.registerUser(CUSTOMER_ID, "Demo Dóra", COMPANY_ID, true));
        branch.receiveStock("DEMO-DELIVERY-1", List.of(CSN));

        tokenManager.with("TOKEN_FACTORY_KEYSTORE_PASSWORD", required("UNLOCK_MASTER_KEYSTORE_PASSWORD"))
                .with("TOKEN_FACTORY_CA_PASSWORD", required("TOKEN_FACTORY_CA_PASSWORD"))
                .run("", "factory", "--csn", CSN, "--master-keystore", required("UNLOCK_MASTER_KEYSTORE"),
                        "--attestation-ca", required("TOKEN_FACTORY_CA"))
                .requireSuccess("factory");
        branch.handOver(tokenManager, CUSTOMER_ID, CSN, true, "DEMO0042", directory);

        StaffApi unlock = new StaffApi(URI.create(required("UNLOCK_URL")), StaffApi.signIn(keycloak, realm, "officer", required("OFFICER_PASSWORD")));
        Retry.until("the unlock service knows the demo user", () -> {
            unlock.put("/customers/" + CUSTOMER_ID + "/e-pin", Map.of("ePin", E_PIN));
            return true;
        });
        StaffApi auth = new StaffApi(URI.create(required("AUTH_URL")), StaffApi.signIn(keycloak, realm, "ops", required("OPS_PASSWORD")));
        Retry.until("auth-service knows the demo user", () -> auth.post("/staff/password-imports", Map.of("credentials",
                List.of(Map.of("customerId", CUSTOMER_ID, "passwordHash", LegacyPassword.pbkdf2Sha256(LEGACY_PASSWORD)))))
                .path("imported").toString().contains(CUSTOMER_ID));
    }

    /** The demo user's own Token Manager: their token, the local login page allowed, the local bank TLS CA trusted. */
    private void writeUsersTokenManager() throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Files.copy(Path.of(required("BANK_TLS_CA")), directory.resolve("bank-tls-ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(directory.resolve("agent.properties"), """
                # The demo user's Token Manager, written by deploy/run-platform.sh
                local-api.port=%s
                bank.trust-store=bank-tls-ca.pem
                bank.1.origin=%s
                bank.1.relay=%s
                """.formatted(required("TOKEN_MANAGER_PORT"), required("AUTH_URL"), required("AUTH_AGENT_URL")));
        Path launcher = bin.resolve("token-manager");
        Files.writeString(launcher, """
                #!/bin/sh
                # Token Manager of the demo user of the local platform.
                export TOKEN_MANAGER_TOKEN='%s'
                export TOKEN_MANAGER_CONFIG='%s'
                exec '%s' -jar '%s' "$@"
                """.formatted(directory.resolve("token"), directory.resolve("agent.properties"),
                Path.of(System.getProperty("java.home"), "bin", "java"), required("TOKEN_MANAGER_JAR")));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void writeSummary() throws IOException {
        String keycloak = required("KEYCLOAK_URL");
        String rp = "http://127.0.0.1:" + required("DEMO_RP_PORT");
        Path launcher = directory.resolve("bin").resolve("token-manager");
        Files.writeString(directory.resolve("summary.txt"), """

                Token platform (local)
                  Electra / e-posta stand-in  %s        log in with the token here
                  auth-service                %s
                  token-registry              %s
                  unlock-service              %s
                  Keycloak (staff)            %s/admin
                  staff users                 admin, officer (branch-officer), helpdesk, ops, auditor: passwords in
                                              %s
                Demo user: customer identifier %s, e-PIN %s, token CSN %s (signing right),
                  old password %s (works until the officer re-contracts the user)
                  Token Manager:  %s --help
                  first use:      %s set-pin
                  then open %s, choose Electra or e-posta, and enter the PIN where Token Manager asks for it.
                """.formatted(rp, required("AUTH_URL"), required("REGISTRY_URL"), required("UNLOCK_URL"), keycloak, required("SECRETS_FILE"),
                CUSTOMER_ID, E_PIN, CSN, LEGACY_PASSWORD, launcher, launcher, rp));
    }

    private String required(String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set (deploy/run-platform.sh sets it)");
        }
        return value;
    }

    private static void ignoreConflict(Runnable step) {
        try {
            step.run();
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /** Repeats a step that waits for an event to reach another service. */
    static final class Retry {
        interface Step {
            boolean attempt();
        }

        static void until(String what, Step step) throws InterruptedException {
            ApiException last = null;
            for (int i = 0; i < 60; i++) {
                try {
                    if (step.attempt()) {
                        return;
                    }
                } catch (ApiException e) {
                    last = e;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("timed out waiting until " + what, last);
        }
    }
}
