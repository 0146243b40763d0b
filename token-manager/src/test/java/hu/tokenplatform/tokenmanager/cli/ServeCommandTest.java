package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokenmanager.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent refuses to run rather than share its port with another program. */
class ServeCommandTest {

    @TempDir
    Path home;

    @Test
    void portTakenByAnotherProgramIsReportedAndTheAgentDoesNotStart() throws Exception {
        Files.writeString(home.resolve("bank-ca.pem"), new TestPki().caPem());
        Path config = Files.writeString(home.resolve("agent.properties"),
                "bank.trust-store=bank-ca.pem\nbank.1.origin=https://login.bank.hu\nbank.1.relay=https://login.bank.hu:8443\n");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

            CliRun.Result result = new CliRun(home, home.resolve("token"))
                    .run("", "--config", config.toString(), "serve", "--port", String.valueOf(squatter.getLocalPort()));

            assertEquals(ExitCodes.REFUSED, result.exit());
            assertTrue(result.err().contains("is taken by another program (perhaps another user's Token Manager)"), result.err());
        }
    }
}
