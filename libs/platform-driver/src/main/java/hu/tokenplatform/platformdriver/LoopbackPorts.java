package hu.tokenplatform.platformdriver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for a platform's listeners, chosen outside the kernel's ephemeral range: a port from that
 * range (what a listener on port 0 gets) may become the source port of an outgoing connection between the
 * moment it is chosen and the moment a part binds it, and on a busy start (Maven downloads, connection pools,
 * Kafka clients) that happens often enough to fail a start now and then.
 */
public final class LoopbackPorts {

    /** Below: ports services commonly use by default (PostgreSQL, Kafka, Keycloak, the platform's own defaults). */
    public static final int LOWEST = 10_000;
    /** Linux's default ephemeral range starts here; {@link #ephemeralRange()} reads the real one. */
    private static final int[] LINUX_DEFAULT_EPHEMERAL = {32_768, 60_999};
    private static final int ATTEMPTS = 1_000;

    private LoopbackPorts() {
    }

    /** A port in [{@link #LOWEST}, 65535], outside the ephemeral range, not in {@code taken}, free on loopback now. */
    public static int free(Collection<Integer> taken) {
        int[] ephemeral = ephemeralRange();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, 65_536);
            if ((port >= ephemeral[0] && port <= ephemeral[1]) || taken.contains(port)) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException inUse) {
                // someone else's: try another
            }
        }
        throw new IllegalStateException("no free loopback port outside the ephemeral range " + ephemeral[0] + "-" + ephemeral[1]);
    }

    /** The kernel's ephemeral port range, from /proc (Linux); the Linux default where it cannot be read. */
    public static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[]{Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException unreadable) {
            return LINUX_DEFAULT_EPHEMERAL.clone();
        }
    }
}
