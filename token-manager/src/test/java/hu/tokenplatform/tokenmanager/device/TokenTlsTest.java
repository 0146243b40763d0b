package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Mutual TLS where the client key stays on the token, against a real JSSE server that requires client auth. */
class TokenTlsTest {

    @TempDir
    Path dir;

    private final TestPki bank = new TestPki();
    private VirtualToken token;
    private SSLServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (token != null) {
            token.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A TLS server on 127.0.0.1 that requires a client certificate from {@code clientCa}; answers what it saw. */
    private CompletableFuture<Certificate[]> serverRequiringClientCertificatesFrom(TestPki clientCa) throws Exception {
        server = (SSLServerSocket) bank.serverContext(clientCa).getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.startHandshake();
                Certificate[] peer = accepted.getSession().getPeerCertificates();
                accepted.getOutputStream().write(1);
                return peer;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int handshake(SSLContext client) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.startHandshake();
            return socket.getInputStream().read();
        }
    }

    @Test
    void mutualTlsHandshakeSucceedsWithTheTokensLoginKey() throws Exception {
        token = TestTokens.handedOver(dir, bank);
        CompletableFuture<Certificate[]> seen = serverRequiringClientCertificatesFrom(bank);

        try (TokenSession session = token.login(PIN.toCharArray())) {
            assertEquals(1, handshake(TokenTls.clientContext(session, bank.trustStore())));
        }

        Certificate[] peer = seen.get(10, TimeUnit.SECONDS);
        assertArrayEquals(token.certificate(KeySlot.LOGIN).orElseThrow().getEncoded(), peer[0].getEncoded());
    }

    @Test
    void serverTrustingAnotherCaRefusesTheToken() throws Exception {
        token = TestTokens.handedOver(dir, bank);
        CompletableFuture<Certificate[]> seen = serverRequiringClientCertificatesFrom(new TestPki());

        try (TokenSession session = token.login(PIN.toCharArray())) {
            SSLContext client = TokenTls.clientContext(session, bank.trustStore());
            assertThrows(IOException.class, () -> handshake(client));
        }
        assertThrows(Exception.class, () -> seen.get(10, TimeUnit.SECONDS));
    }

    @Test
    void clientTrustsOnlyTheBankCaNotTheServerOfAnotherCa() throws Exception {
        token = TestTokens.handedOver(dir, bank);
        serverRequiringClientCertificatesFrom(bank);

        try (TokenSession session = token.login(PIN.toCharArray())) {
            SSLContext client = TokenTls.clientContext(session, new TestPki().trustStore());
            assertThrows(SSLException.class, () -> handshake(client));
        }
    }

    @Test
    void lockedTokenCannotCompleteTheHandshake() throws Exception {
        token = TestTokens.handedOver(dir, bank);
        serverRequiringClientCertificatesFrom(bank);
        TokenSession session = token.login(PIN.toCharArray());
        SSLContext client = TokenTls.clientContext(session, bank.trustStore());
        TestTokens.lockWithWrongPins(token);

        assertThrows(IOException.class, () -> handshake(client));
    }

    @Test
    void tokenKeyHandleCarriesNoKeyMaterial() {
        token = TestTokens.handedOver(dir, bank);
        try (TokenSession session = token.login(PIN.toCharArray())) {
            var key = session.privateKey(KeySlot.LOGIN);
            assertNull(key.getEncoded());
            assertNull(key.getFormat());
        }
    }
}
