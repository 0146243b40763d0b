package hu.tokenplatform.tokenmanager.desktop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether the bank's token login server answers: a TCP connection to its port, closed at once. No TLS handshake,
 * since the server asks for the token's certificate and a probe must not use the token; whether the server is
 * the bank's is decided at login, against the bank's trust store.
 */
final class BankReachability {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private BankReachability() {
    }

    /** Blocks up to {@link #TIMEOUT}: never on the Swing event thread. */
    static boolean reachable(URI relay) {
        int port = relay.getPort() == -1 ? 443 : relay.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(relay.getHost(), port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code login.bank.hu:8443}: the server as the user or the helpdesk would name it. */
    static String name(URI relay) {
        return relay.getPort() == -1 ? relay.getHost() : relay.getHost() + ":" + relay.getPort();
    }
}
