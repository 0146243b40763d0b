package hu.tokenplatform.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDatabaseTest {

    @Test
    void aCreatedDatabaseIsUsableAndDropRemovesItEvenWhileConnected() throws SQLException {
        PostgresDatabase database = PostgresDatabase.create("Testkit-Check");
        assertTrue(database.name().matches("testkit_check_[a-z0-9]{10}"), database.name());
        assertTrue(database.jdbcUrl().endsWith("/" + database.name()), database.jdbcUrl());
        assertEquals(1, databasesNamed(database.name()));

        try (Connection connection = DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE token (csn TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO token VALUES ('0A1B2C3D')");
            try (ResultSet rows = statement.executeQuery("SELECT csn FROM token")) {
                assertTrue(rows.next());
                assertEquals("0A1B2C3D", rows.getString(1));
            }

            database.drop();
        }
        assertEquals(0, databasesNamed(database.name()));
    }

    @Test
    void namesAreValidIdentifiersWithinPostgresLimits() {
        assertTrue(PostgresDatabase.databaseName("9lives").matches("db_9lives_[a-z0-9]{10}"));
        assertTrue(PostgresDatabase.databaseName("Árvíztűrő tükör").matches("db__rv_zt_r__t_k_r_[a-z0-9]{10}"));
        String longName = PostgresDatabase.databaseName("x".repeat(100));
        assertEquals(63, longName.length());
        assertTrue(longName.matches("x{52}_[a-z0-9]{10}"), longName);
    }

    @Test
    void anUnreachableServerIsReportedWithWhatToDo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PostgresDatabase.Server nowhere = new PostgresDatabase.Server("127.0.0.1", closedPort, "postgres", "");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PostgresDatabase.create("tp_test", nowhere));
        String message = failure.getMessage();
        assertTrue(message.contains("127.0.0.1:" + closedPort), message);
        assertTrue(message.contains("user 'postgres'"), message);
        assertTrue(message.contains("pg_ctlcluster 15 main start"), message);
        assertTrue(message.contains("TESTKIT_PG_HOST"), message);
        assertTrue(message.contains("TESTKIT_PG_PASSWORD"), message);
    }

    @Test
    void whenNothingListensTheTestsGetAPostgresqlOfTheirOwn() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PostgresDatabase.Server nowhere = new PostgresDatabase.Server("127.0.0.1", closedPort, "postgres", "");

        PostgresDatabase.Server local = PostgresDatabase.Server.listeningOrLocal(nowhere);
        assertEquals("127.0.0.1", local.host());
        assertTrue(local.port() != closedPort, "a port of its own");
        assertSame(local, PostgresDatabase.Server.listeningOrLocal(nowhere), "one server per JVM");

        try (PostgresDatabase database = PostgresDatabase.create("tp_local", local);
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            assertEquals(local.port(), database.port());
            assertTrue(version.next());
            assertTrue(version.getString(1).startsWith("17."), version.getString(1));
        }
    }

    @Test
    void aServerThatListensIsUsedAsConfigured() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PostgresDatabase.Server configured =
                    new PostgresDatabase.Server("127.0.0.1", listening.getLocalPort(), "someone", "secret");
            assertSame(configured, PostgresDatabase.Server.listeningOrLocal(configured));
        }
    }

    private static int databasesNamed(String name) throws SQLException {
        PostgresDatabase.Server server = PostgresDatabase.Server.fromEnvironment();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
             PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
