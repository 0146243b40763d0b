package hu.tokenplatform.testkit;

import hu.tokenplatform.localpostgres.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database on the shared PostgreSQL server of the machine running the tests.
 * <p>
 * The server is {@code 127.0.0.1:5432}, user {@code postgres} without a password, unless the environment variables
 * {@code TESTKIT_PG_HOST}, {@code TESTKIT_PG_PORT}, {@code TESTKIT_PG_USER} and {@code TESTKIT_PG_PASSWORD} say
 * otherwise. The user must be allowed to create databases.
 * <p>
 * When nothing listens there, the JVM starts its own PostgreSQL 17 from Maven Central's binaries
 * ({@link LocalPostgres}), once, on a free loopback port with its data under {@code target/}, and stops and removes it
 * when the JVM ends: a machine without PostgreSQL runs the tests too. When a server listens, it is used as before.
 */
public final class PostgresDatabase implements AutoCloseable {

    /** PostgreSQL truncates identifiers longer than this. */
    private static final int MAX_NAME_LENGTH = 63;
    private static final int SUFFIX_LENGTH = 10;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server server;
    private final String name;

    private PostgresDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Creates database {@code <prefix>_<random suffix>}; the prefix is lower-cased and every character outside
     * {@code [a-z0-9_]} becomes {@code _}.
     *
     * @throws IllegalStateException if PostgreSQL cannot be reached or refuses to create the database
     */
    public static PostgresDatabase create(String prefix) {
        return create(prefix, Server.fromEnvironment());
    }

    static PostgresDatabase create(String prefix, Server server) {
        String name = databaseName(prefix);
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return new PostgresDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The server's host, for whoever connects other than by {@link #jdbcUrl()} (a script's PGHOST). */
    public String host() {
        return server.host();
    }

    /** The server's port: 5432 or the configured one, or this JVM's own local PostgreSQL's. */
    public int port() {
        return server.port();
    }

    public String username() {
        return server.user();
    }

    /** The password, empty when the server trusts the user. */
    public String password() {
        return server.password();
    }

    /** Drops the database, disconnecting whoever is still connected (a Quarkus pool usually is). */
    public void drop() {
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        drop();
    }

    static String databaseName(String prefix) {
        String sanitized = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (sanitized.isEmpty() || !Character.isLetter(sanitized.charAt(0))) {
            // An identifier must not start with a digit; starting with a letter also keeps it free of quoting quirks.
            sanitized = "db_" + sanitized;
        }
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        int maxPrefix = MAX_NAME_LENGTH - SUFFIX_LENGTH - 1;
        return sanitized.substring(0, Math.min(sanitized.length(), maxPrefix)) + "_" + suffix;
    }

    /** Where the shared PostgreSQL server is and who we are on it. */
    record Server(String host, int port, String user, String password) {

        static Server fromEnvironment() {
            return listeningOrLocal(configured());
        }

        static Server configured() {
            String port = env("TESTKIT_PG_PORT", "5432");
            try {
                return new Server(env("TESTKIT_PG_HOST", "127.0.0.1"), Integer.parseInt(port),
                        env("TESTKIT_PG_USER", "postgres"), env("TESTKIT_PG_PASSWORD", ""));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("TESTKIT_PG_PORT must be a port number, got '" + port + "'", e);
            }
        }

        /** {@code configured} when something listens there, otherwise this JVM's own local PostgreSQL. */
        static Server listeningOrLocal(Server configured) {
            return configured.listening() ? configured : Local.server(configured);
        }

        boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static String env(String variable, String fallback) {
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? fallback : value;
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        Connection connect(String database) {
            Properties props = new Properties();
            props.setProperty("user", user);
            if (!password.isEmpty()) {
                props.setProperty("password", password);
            }
            // Fail within seconds, not after the driver's default TCP timeouts, when nothing listens.
            props.setProperty("connectTimeout", "5");
            props.setProperty("loginTimeout", "10");
            try {
                // The driver directly, not DriverManager: under Quarkus' class loaders DriverManager may hold a
                // driver class from another loader and answer "no suitable driver".
                return new org.postgresql.Driver().connect(jdbcUrl(database), props);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to PostgreSQL at " + host + ":" + port + " as user '"
                        + user + "' (" + e.getMessage() + "). The tests need a PostgreSQL server there that lets this"
                        + " user create databases, e.g. start the local one with 'pg_ctlcluster 15 main start' (when nothing"
                        + " listens there at all, the tests start a PostgreSQL of their own); or point"
                        + " the tests at another server with the environment variables TESTKIT_PG_HOST, TESTKIT_PG_PORT,"
                        + " TESTKIT_PG_USER and TESTKIT_PG_PASSWORD.", e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL " + host + ":" + port + " as " + user;
        }
    }

    /** The PostgreSQL this JVM starts when none listens where the environment says: one per JVM, gone with it. */
    static final class Local {

        private static Server server;

        private Local() {
        }

        static synchronized Server server(Server missing) {
            if (server == null) {
                server = start(missing);
            }
            return server;
        }

        private static Server start(Server missing) {
            // Relative to the module being tested, so that 'mvn clean' removes what a killed run leaves behind; the
            // binaries are kept there for the next run.
            Path target = Path.of("target").toAbsolutePath();
            Path work = target.resolve("testkit-postgres-" + UUID.randomUUID().toString().substring(0, 8));
            IOException failure = null;
            // A free port can be taken by someone else before the server binds it: try another.
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    int port = freePort();
                    LocalPostgres postgres = LocalPostgres.start(target.resolve("testkit-postgres-binaries"),
                            work.resolve("data-" + attempt), port);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            postgres.close();
                            deleteTree(work);
                        } catch (RuntimeException | IOException e) {
                            System.err.println("testkit: could not stop or remove " + work + ": " + e.getMessage());
                        }
                    }, "testkit-postgres-stop"));
                    System.err.println("testkit: nothing listens on " + missing.host() + ":" + missing.port()
                            + "; started PostgreSQL " + LocalPostgres.VERSION + " from Maven Central on "
                            + LocalPostgres.HOST + ":" + port + " for this JVM (data in " + work + ")");
                    return new Server(LocalPostgres.HOST, port, LocalPostgres.USER, "");
                } catch (IOException e) {
                    failure = e;
                }
            }
            throw new UncheckedIOException("nothing listens on " + missing.host() + ":" + missing.port()
                    + " and a local PostgreSQL could not be started either", failure);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        private static void deleteTree(Path directory) throws IOException {
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
}
