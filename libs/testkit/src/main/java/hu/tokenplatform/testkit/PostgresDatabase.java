package hu.tokenplatform.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * A throw-away database on the shared PostgreSQL server of the machine running the tests.
 * <p>
 * The server is {@code 127.0.0.1:5432}, user {@code postgres} without a password, unless the environment variables
 * {@code TESTKIT_PG_HOST}, {@code TESTKIT_PG_PORT}, {@code TESTKIT_PG_USER} and {@code TESTKIT_PG_PASSWORD} say
 * otherwise. The user must be allowed to create databases.
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
            String port = env("TESTKIT_PG_PORT", "5432");
            try {
                return new Server(env("TESTKIT_PG_HOST", "127.0.0.1"), Integer.parseInt(port),
                        env("TESTKIT_PG_USER", "postgres"), env("TESTKIT_PG_PASSWORD", ""));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("TESTKIT_PG_PORT must be a port number, got '" + port + "'", e);
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
                        + " user create databases, e.g. start the local one with 'pg_ctlcluster 15 main start'; or point"
                        + " the tests at another server with the environment variables TESTKIT_PG_HOST, TESTKIT_PG_PORT,"
                        + " TESTKIT_PG_USER and TESTKIT_PG_PASSWORD.", e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL " + host + ":" + port + " as " + user;
        }
    }
}
