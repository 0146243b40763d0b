package hu.tokenplatform.benchmarks.keycloak;

import com.sun.net.httpserver.HttpServer;
import hu.tokenplatform.benchmarks.BenchUser;
import hu.tokenplatform.benchmarks.LoginOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Keycloak comparison target without the platform: a real Keycloak, a throwaway bank CA whose CRL is served on
 * loopback, and login certificates shaped like the registry's.
 */
class KeycloakX509TargetIT {

    private static HttpServer crlServer;
    private static KeycloakX509Target keycloak;
    private static BenchUser customer;
    private static BenchUser revokedCustomer;
    private static BenchUser strangerCertifiedElsewhere;

    @BeforeAll
    static void startKeycloak() throws Exception {
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String crlUrl = "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca/crl";
        ThrowawayCa bank = new ThrowawayCa("Throwaway Issuing CA", crlUrl);
        customer = bank.issueLogin("12345678", "0A1B2C3D4E5F");
        revokedCustomer = bank.issueLogin("23456789", "0A1B2C3D4E60");
        byte[] crl = bank.crl(List.of(revokedCustomer.login()));
        crlServer.createContext("/ca/crl", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        crlServer.start();
        // the same customer id, certified by a CA the bank does not trust
        strangerCertifiedElsewhere = new ThrowawayCa("Other CA", crlUrl).issueLogin("12345678", "0A1B2C3D4E61");

        keycloak = KeycloakX509Target.start(Path.of("target", "keycloak-it"), List.of(bank.certificate()),
                KeycloakX509Target.Revocation.CRL_DISTRIBUTION_POINT);
        keycloak.createUsers(List.of(customer, revokedCustomer));
    }

    @AfterAll
    static void stopKeycloak() {
        try {
            if (keycloak != null) {
                keycloak.close();
            }
        } finally {
            if (crlServer != null) {
                crlServer.stop(0);
            }
        }
    }

    @Test
    void logsInTheUserNamedByTheLoginCertificatesUid() {
        assertEquals(LoginOutcome.OK, keycloak.logIn(customer));
    }

    @Test
    void refusesALoginCertificateFromAnotherCaInTheHandshake() {
        LoginOutcome outcome = keycloak.logIn(strangerCertifiedElsewhere);
        assertFalse(outcome.ok(), outcome.outcome());
        assertFalse(outcome.outcome().startsWith("http-"), "TLS refuses before any HTTP answer: " + outcome.outcome());
    }

    @Test
    void refusesALoginCertificateOnTheCaCrl() {
        LoginOutcome outcome = keycloak.logIn(revokedCustomer);
        assertFalse(outcome.ok(), outcome.outcome());
        assertTrue(outcome.outcome().startsWith("http-"), "Keycloak itself refuses, after the handshake: " + outcome.outcome());
    }

    @Test
    void namesKeycloaksJavaProcessAsItsServer() {
        long pid = keycloak.serverProcesses().get("keycloak").get(0);
        assertTrue(ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("").endsWith("/java"));
    }
}
