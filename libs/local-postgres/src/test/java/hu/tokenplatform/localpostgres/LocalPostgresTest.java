package hu.tokenplatform.localpostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    /** Shared by the tests: extracting the binaries once is enough. */
    private static final Path BINARIES = Path.of("target", "local-postgres-binaries");
    private static Path work;

    @BeforeAll
    static void workDirectory() throws IOException {
        work = Files.createDirectories(Path.of("target", "local-postgres-test-" + UUID.randomUUID().toString().substring(0, 8)))
                .toAbsolutePath();
    }

    @AfterAll
    static void removeWorkDirectory() throws IOException {
        LocalPostgres.deleteTree(work);
    }

    @Test
    void startsARealServerCreatesTheDatabasesAndKeepsTheDataForTheNextStart() throws Exception {
        Path data = work.resolve("kept");
        int port = freePort();
        try (LocalPostgres server = LocalPostgres.start(BINARIES, data, port)) {
            assertEquals(List.of("token_registry", "auth_service"), Databases.createIfMissing(LocalPostgres.HOST, port,
                    LocalPostgres.USER, "", List.of("token_registry", "auth_service")));
            assertEquals(List.of(), Databases.createIfMissing(LocalPostgres.HOST, port, LocalPostgres.USER, "",
                    List.of("token_registry", "auth_service")), "existing databases are left alone");
            try (Connection connection = Databases.connect(LocalPostgres.HOST, port, LocalPostgres.USER, "", "auth_service");
                 Statement statement = connection.createStatement()) {
                statement.execute("create table kept (what text)");
                statement.execute("insert into kept values ('still here')");
                try (ResultSet version = statement.executeQuery("show server_version")) {
                    assertTrue(version.next());
                    assertTrue(version.getString(1).startsWith("17."), version.getString(1));
                }
                try (ResultSet listen = statement.executeQuery("show listen_addresses")) {
                    assertTrue(listen.next());
                    assertEquals("127.0.0.1", listen.getString(1), "loopback only");
                }
            }
        }
        assertFalse(listening(port), "stopped with close()");

        try (LocalPostgres again = LocalPostgres.start(BINARIES, data, port);
             Connection connection = Databases.connect(LocalPostgres.HOST, port, LocalPostgres.USER, "", "auth_service");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select what from kept")) {
            assertTrue(row.next());
            assertEquals("still here", row.getString(1));
        }
    }

    @Test
    void theLauncherServesUntilSigtermThenStopsTheServerCleanly() throws Exception {
        Path data = work.resolve("launched");
        Path ready = work.resolve("launched.ready");
        int port = freePort();
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPostgresMain.class.getName(), "serve",
                "--binaries", BINARIES.toString(), "--data", data.toString(), "--port", String.valueOf(port),
                "--ready-file", ready.toString(), "--database", "unlock_service", "--database", "auth_service")
                .inheritIO().start();
        try {
            while (!Files.exists(ready)) {
                assertTrue(launcher.isAlive(), "the launcher stopped before it was ready");
                Thread.sleep(200);
            }
            try (Connection connection = Databases.connect(LocalPostgres.HOST, port, LocalPostgres.USER, "", "unlock_service")) {
                assertTrue(connection.isValid(5));
            }
            launcher.destroy(); // SIGTERM
            assertTrue(launcher.waitFor(90, TimeUnit.SECONDS), "the launcher ends after SIGTERM");
        } finally {
            launcher.destroyForcibly();
        }
        assertFalse(listening(port), "PostgreSQL stopped with the launcher");
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "a clean shutdown removes postmaster.pid");
    }

    @Test
    void aServerLeftRunningByAKilledLauncherIsRestartedOnTheSameData() throws Exception {
        Path data = work.resolve("orphaned");
        int port = freePort();
        LocalPostgres orphaned = LocalPostgres.start(BINARIES, data, port); // never closed, as after kill -9
        int secondPort = freePort();
        try (LocalPostgres again = LocalPostgres.start(BINARIES, data, secondPort);
             Connection connection = Databases.connect(LocalPostgres.HOST, secondPort, LocalPostgres.USER, "", "postgres")) {
            assertTrue(connection.isValid(5));
            assertFalse(listening(port), "the orphan was stopped");
        } finally {
            orphaned.close(); // nothing left to stop unless the second start failed
        }
    }

    @Test
    void refusesADatabaseNameThatIsNotAPlainIdentifierBeforeConnecting() {
        // Port 1: nothing listens, so reaching the database would fail differently.
        for (String name : List.of("x\"; drop database postgres; --", "Registry", "", "a-b", "x".repeat(64))) {
            assertThrows(IllegalArgumentException.class,
                    () -> Databases.createIfMissing(LocalPostgres.HOST, 1, LocalPostgres.USER, "", List.of(name)), name);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LocalPostgres.HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
