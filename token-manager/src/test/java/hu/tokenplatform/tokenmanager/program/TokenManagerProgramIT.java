package hu.tokenplatform.tokenmanager.program;

import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.login.TestBank;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged program, run as separate processes the way a bank, a branch and a user run it. */
class TokenManagerProgramIT {

    private static final String PIN = "Tok3n!pw";
    private static final String CSN = "0A1B2C3D4E5F6071";

    @TempDir
    Path dir;

    private InstalledProgram program;
    private Map<String, String> userEnvironment;

    @BeforeEach
    void install() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        program = new InstalledProgram(dir.resolve("program"));
        Path home = Files.createDirectories(dir.resolve("home"));
        userEnvironment = Map.of("HOME", home.toString(), "TOKEN_MANAGER_TOKEN", dir.resolve("token").toString(),
                "TOKEN_MANAGER_LANG", "en", "TOKEN_FACTORY_KEYSTORE_PASSWORD", "factory-secret",
                "TOKEN_FACTORY_CA_PASSWORD", "factory-ca-secret");
    }

    @Test
    void installWithoutAdministratorRightsIsRefusedAndWritesNothing() throws IOException {
        Path units = Files.createDirectories(dir.resolve("units"));
        Files.setPosixFilePermissions(units, PosixFilePermissions.fromString("rwxrwxrwx"));

        InstalledProgram.Result result = program.runUnprivileged(Map.of("HOME", dir.toString()), "",
                "install", "--unit-dir", units.toString(), "--config-dir", units.toString(), "--autostart-dir", units.toString());

        assertEquals(77, result.exit(), result.out() + result.err());
        assertTrue(result.err().contains("Installing Token Manager needs administrator rights."), result.err());
        try (var written = Files.list(units)) {
            assertEquals(0, written.count(), "nothing installed, although the directory was writable");
        }
    }

    @Test
    void everyOtherCommandWorksWithoutAdministratorRights() {
        InstalledProgram.Result result = program.runUnprivileged(Map.of("HOME", dir.toString(),
                "TOKEN_MANAGER_TOKEN", dir.resolve("no-token").toString()), "", "status");

        assertEquals(4, result.exit(), "no token here, but the command ran as a normal user: " + result.err());
        assertTrue(result.err().contains("No token found."));
    }

    @Test
    void installAsAdministratorCopiesTheProgramAndWritesTheUserServiceTheIconAtLoginAndTheMachineConfiguration() throws IOException {
        assumeTrue(InstalledProgram.runningAsAdministrator(), "needs a root test run");
        Path system = Files.createTempDirectory("token-manager-system");
        Path units = system.resolve("systemd-user");
        Path config = system.resolve("etc-token-manager");
        Path installed = system.resolve("usr-lib-token-manager");
        Path autostart = system.resolve("xdg-autostart");
        Path trust = dir.resolve("bank-ca.pem");
        Files.writeString(trust, new TestPki().caPem());

        InstalledProgram.Result result = program.run(Map.of("HOME", dir.toString(), "TOKEN_MANAGER_LANG", "en"), "",
                "install", "--install-dir", installed.toString(), "--unit-dir", units.toString(), "--config-dir", config.toString(),
                "--autostart-dir", autostart.toString(), "--bank-origin", "https://login.bank.hu", "--bank-relay", "https://login.bank.hu:8443", "--bank-trust-store", trust.toString());

        assertEquals(0, result.exit(), result.err());
        String unit = Files.readString(units.resolve("token-manager.service"));
        assertTrue(unit.contains("ExecStart=\"" + Path.of(System.getProperty("java.home"), "bin", "java").toRealPath() + "\" -jar \""
                + installed.resolve("token-manager.jar") + "\" serve"), "the service runs the administrator's copy: " + unit);
        assertTrue(Files.exists(installed.resolve("lib").resolve("picocli-4.7.7.jar")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(installed.resolve("token-manager.jar"))));
        assertTrue(unit.contains("WantedBy=default.target"));
        Path entry = autostart.resolve("token-manager.desktop");
        assertTrue(Files.readString(entry).contains("\nExec=\"" + Path.of(System.getProperty("java.home"), "bin", "java").toRealPath()
                + "\" -jar \"" + installed.resolve("token-manager.jar") + "\"\n"), "the icon at login is the administrator's copy, without a command");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
        String properties = Files.readString(config.resolve("agent.properties"));
        assertTrue(properties.contains("bank.1.origin=https://login.bank.hu"));
        assertTrue(Files.exists(config.resolve("bank-tls-ca.pem")));
        assertTrue(result.out().contains("Using it needs no administrator rights."));
    }

    @Test
    void installRefusesALocationOtherUsersCouldChange() throws IOException {
        assumeTrue(InstalledProgram.runningAsAdministrator(), "needs a root test run");
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        InstalledProgram.Result result = program.run(Map.of("HOME", dir.toString(), "TOKEN_MANAGER_LANG", "en"), "",
                "install", "--install-dir", shared.resolve("token-manager").toString(), "--unit-dir", dir.resolve("units").toString(),
                "--autostart-dir", dir.resolve("autostart").toString());

        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.err().contains("could be changed by users other than the administrator"), result.err());
        assertFalse(Files.exists(dir.resolve("units").resolve("token-manager.service")), "no service that runs changeable code");
        assertFalse(Files.exists(dir.resolve("autostart").resolve("token-manager.desktop")), "no icon at login that runs changeable code");
    }

    /** The bank's PKI makes the token-factory CA with the packaged program, once per test. */
    private Path factoryCa() {
        Path keystore = dir.resolve("factory-ca.p12");
        if (!Files.exists(keystore)) {
            InstalledProgram.Result created = program.run(userEnvironment, "", "factory-ca", "--keystore", keystore.toString(),
                    "--certificate-out", dir.resolve("factory-ca.pem").toString());
            assertEquals(0, created.exit(), created.err());
        }
        return keystore;
    }

    @Test
    void fromTheFactoryThroughTheBranchToTheUsersFirstPinAndSignature() throws Exception {
        TestPki bank = new TestPki();
        Path keystore = dir.resolve("master-unlock.p12");
        MasterUnlockKeyStore.create(keystore, "factory-secret".toCharArray(), new SecureRandom());

        Path factoryCa = factoryCa();
        InstalledProgram.Result factory = program.run(userEnvironment, "", "factory", "--csn", CSN, "--master-keystore", keystore.toString(),
                "--attestation-ca", factoryCa.toString());
        assertEquals(0, factory.exit(), factory.err());

        Path requests = dir.resolve("requests");
        InstalledProgram.Result keys = program.run(userEnvironment, "", "enrol", "generate-keys", "--out", requests.toString(), "--signing");
        assertEquals(0, keys.exit(), keys.err());
        assertTrue(Files.readString(requests.resolve("login-attestation.json")).contains("\"format\" : \"tp-key-attestation-v1\""));
        assertTrue(Files.readString(requests.resolve("signing-attestation.json")).contains("\"purpose\" : \"SIGNING\""));
        Path login = writePem(dir.resolve("login.pem"), bank.certifyLogin(Files.readString(requests.resolve("login-csr.pem"))));
        Path signing = writePem(dir.resolve("signing.pem"), bank.certifySigning(Files.readString(requests.resolve("signing-csr.pem"))));
        InstalledProgram.Result certificates = program.run(userEnvironment, "", "enrol", "write-certificates",
                "--login", login.toString(), "--signing", signing.toString());
        assertEquals(0, certificates.exit(), certificates.err());

        InstalledProgram.Result firstUse = program.run(userEnvironment, "weak\n" + PIN + "\n" + PIN + "\n", "set-pin");
        assertEquals(0, firstUse.exit(), firstUse.err());
        assertTrue(firstUse.out().contains("[ ] 6 to 16 characters"));

        InstalledProgram.Result status = program.run(userEnvironment, "", "--lang", "hu", "status");
        assertTrue(status.out().contains("CSN:                 " + CSN), status.out());
        assertTrue(status.out().contains("használatra kész"));

        Path document = Files.writeString(dir.resolve("order.txt"), "pay 100 HUF");
        InstalledProgram.Result sign = program.run(userEnvironment, PIN + "\n", "sign", document.toString());
        assertEquals(0, sign.exit(), sign.err());
        assertTrue(Files.size(dir.resolve("order.txt.p7s")) > 0);

        InstalledProgram.Result enrolAgain = program.run(userEnvironment, "", "enrol", "generate-keys", "--out", requests.toString());
        assertEquals(1, enrolAgain.exit(), "no key replacement without the user's PIN once it is set");
    }

    @Test
    void theAgentServesTheLoginPageAndAsksThePinOnItsOwnTerminal() throws Exception {
        TestPki pki = new TestPki();
        Path keystore = dir.resolve("master-unlock.p12");
        MasterUnlockKeyStore.create(keystore, "factory-secret".toCharArray(), new SecureRandom());
        assertEquals(0, program.run(userEnvironment, "", "factory", "--csn", CSN, "--master-keystore", keystore.toString(),
                "--attestation-ca", factoryCa().toString()).exit());
        Path requests = dir.resolve("requests");
        assertEquals(0, program.run(userEnvironment, "", "enrol", "generate-keys", "--out", requests.toString()).exit());
        Path login = writePem(dir.resolve("login.pem"), pki.certifyLogin(Files.readString(requests.resolve("login-csr.pem"))));
        assertEquals(0, program.run(userEnvironment, "", "enrol", "write-certificates", "--login", login.toString()).exit());
        assertEquals(0, program.run(userEnvironment, PIN + "\n" + PIN + "\n", "set-pin").exit());

        try (TestBank bank = new TestBank(pki)) {
            Path config = dir.resolve("agent.properties");
            bank.writeTrustStore(dir.resolve("bank-ca.pem"));
            Files.writeString(config, "bank.trust-store=bank-ca.pem\nbank.1.origin=" + bank.origin() + "\nbank.1.relay=" + bank.relay() + "\n");
            int port = freePort();
            Process agent = program.start(userEnvironment, "--config", config.toString(), "serve", "--port", String.valueOf(port));
            try {
                BufferedReader screen = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
                assertTrue(screen.readLine().contains("listening on 127.0.0.1:" + port));

                TestBank.Transaction transaction = bank.newTransaction("e-posta", bank.origin());
                agent.getOutputStream().write((PIN + "\n").getBytes(StandardCharsets.UTF_8));
                agent.getOutputStream().flush();
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/token-login"))
                        .header("Origin", bank.origin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"transactionId\":\"" + transaction.id()
                                + "\",\"client\":\"e-posta\",\"challenge\":\"" + transaction.challengeBase64Url() + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(200, response.statusCode(), response.body());
                assertEquals(1, bank.accepted.size());
                String question = screen.readLine();
                assertTrue(question.contains("Log in to e-posta secure mail from " + bank.origin() + "?"),
                        "the service as the bank registered it: " + question);
            } finally {
                agent.destroy();
                assertTrue(agent.waitFor(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void stalledConnectionsDoNotKeepTheAgentFromAnsweringTheLoginPage() throws Exception {
        Path trust = Files.writeString(dir.resolve("bank-ca.pem"), new TestPki().caPem());
        Path config = Files.writeString(dir.resolve("agent.properties"),
                "bank.trust-store=" + trust.getFileName() + "\nbank.1.origin=http://127.0.0.1:8082\nbank.1.relay=https://127.0.0.1:8443\n");
        int port = freePort();
        Process agent = program.start(userEnvironment, "--config", config.toString(), "serve", "--port", String.valueOf(port));
        List<Socket> stalled = new ArrayList<>();
        try {
            assertTrue(new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8)).readLine().contains("listening"));
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                if (i % 2 == 0) {
                    socket.getOutputStream().write("POST /v1/token-login HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                stalled.add(socket);
            }

            long start = System.nanoTime();
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/status")).header("Origin", "http://127.0.0.1:8082")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(200, status.statusCode());
            assertTrue(took < 3_000, "answered in " + took + " ms while 40 connections stall");
            for (Socket socket : stalled) {
                socket.setSoTimeout(10_000);
                assertEquals(-1, readOrReset(socket), "the stalled connection is closed after the header timeout");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            agent.destroy();
            agent.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The next byte, or -1 once the other side has closed or reset the connection. */
    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException e) {
            return -1;
        }
    }

    private static Path writePem(Path file, X509Certificate certificate) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        return Files.writeString(file, pem.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
