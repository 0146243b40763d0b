package hu.tokenplatform.tokenmanager.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What Linux's /proc tells about users and sockets: this process's user, and which user owns the client end of
 * a loopback TCP connection. Elsewhere the answers are empty.
 */
public final class LinuxProcesses {

    /** Stands for an owner that cannot be told: no user id is negative. */
    private static final int NOBODY = -2;
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int SIGINT = 2;
    private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private LinuxProcesses() {
    }

    /** The effective user id of this process ({@code Uid: real effective saved filesystem}). */
    public static OptionalInt effectiveUid() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring(4).strip().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    /**
     * Whether this process ignores Ctrl-C (SIGINT). A program started in the background of a non-interactive shell
     * ignores it from its start, and the JVM keeps it so: then Ctrl-C and {@code kill -INT} cannot stop it.
     * Elsewhere false.
     */
    public static boolean interruptIgnored() {
        return ignoresSignal(SIGINT);
    }

    /** Whether this process ignores signal {@code number} ({@code SigIgn:}, a hexadecimal mask, bit n-1 for signal n). */
    private static boolean ignoresSignal(int number) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Whether the socket tables can be read here, so that {@link #loopbackClientUid} means something. */
    public static boolean socketOwnersKnown() {
        return Files.isReadable(TCP_TABLES.get(0));
    }

    /**
     * The user owning the client socket of a connection from {@code clientPort} to our {@code serverPort} on
     * loopback: the row whose local port is the client's and remote port is ours.
     */
    public static OptionalInt loopbackClientUid(int clientPort, int serverPort) {
        Integer uid = loopbackClientUids(serverPort).get(clientPort);
        return uid == null || uid == NOBODY ? OptionalInt.empty() : OptionalInt.of(uid);
    }

    /**
     * The owners of every client socket connected to our {@code serverPort}, by client port, from one reading of
     * the socket tables: a server that accepted several connections at once checks them all against one snapshot.
     * A connection is in the table from its handshake on, so every connection already accepted is in it. A
     * client port that shows up with two different owners (one port used towards two destinations) maps to a
     * negative value, which is nobody's user id.
     */
    public static Map<Integer, Integer> loopbackClientUids(int serverPort) {
        String remote = String.format(Locale.ROOT, ":%04X", serverPort);
        Map<Integer, Integer> owners = new HashMap<>();
        for (Path table : TCP_TABLES) {
            try {
                for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                    String[] fields = line.strip().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
                    if (fields.length > 7 && fields[2].endsWith(remote)) {
                        int colon = fields[1].lastIndexOf(':');
                        owners.merge(Integer.parseInt(fields[1].substring(colon + 1), 16), Integer.parseInt(fields[7]),
                                (one, other) -> one.equals(other) ? one : NOBODY);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the other table may still have the rows
            }
        }
        return owners;
    }
}
