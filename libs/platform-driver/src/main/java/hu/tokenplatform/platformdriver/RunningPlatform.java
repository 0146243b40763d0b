package hu.tokenplatform.platformdriver;

import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.kafkasetup.KafkaSetup;
import hu.tokenplatform.testkit.PostgresDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The platform started the way the README says, {@code deploy/run-platform.sh}, on free loopback ports with its
 * own data directory and databases: the built services, Kafka, Keycloak and the demo relying party as
 * processes. Stopped with SIGTERM, as Ctrl-C stops it.
 */
public final class RunningPlatform implements AutoCloseable {

    public static final String READY = "Token platform is running.";

    /** The repository whose deploy/run-platform.sh and built services run. */
    public final Path root;
    public final Path var;
    public final Map<String, String> environment = new LinkedHashMap<>();
    private Process script;
    private CompletableFuture<Void> output;
    /**
     * Keycloak's management interface defaults to port 9000: held here while the platform runs, so that a
     * platform that ignores KEYCLOAK_MANAGEMENT_PORT fails to start instead of colliding with another one.
     */
    private ServerSocket defaultManagementPort;

    /** The staff realm deploy/keycloak/ imports. */
    public static final String REALM = "token-platform";

    /** The three services' databases, made for this platform and dropped when it is closed. */
    private final List<PostgresDatabase> databases = new ArrayList<>();

    private final int instances;

    /** A platform in {@code var} with its own databases, named {@code <databasePrefix>_registry} and so on. */
    public RunningPlatform(Path var, String databasePrefix) {
        this(var, databasePrefix, 1);
    }

    /**
     * As {@link #RunningPlatform(Path, String)}, with {@code instances} (1 or 2) of token-registry, unlock-service and
     * auth-service (PLATFORM_INSTANCES); the second instances' ports are {@link #SECOND_INSTANCE_PORT_VARIABLES}.
     */
    public RunningPlatform(Path var, String databasePrefix, int instances) {
        this(Path.of(System.getProperty("platform.root")), var, databasePrefix, instances);
    }

    /** As {@link #RunningPlatform(Path, String, int)}, for the repository at {@code root} (not the system property {@code platform.root}). */
    public RunningPlatform(Path root, Path var, String databasePrefix, int instances) {
        if (instances != 1 && instances != 2) {
            throw new IllegalArgumentException("1 or 2 instances, not " + instances);
        }
        this.root = root;
        this.var = var;
        this.instances = instances;
        if (instances == 2) {
            environment.put("PLATFORM_INSTANCES", "2");
        }
        for (String service : new String[]{"registry", "auth", "unlock"}) {
            databases.add(PostgresDatabase.create(databasePrefix + "_" + service));
        }
        environment.put("TOKEN_PLATFORM_VAR", var.toString());
        choosePorts();
        environment.put("REGISTRY_DB_NAME", databases.get(0).name());
        environment.put("AUTH_DB_NAME", databases.get(1).name());
        environment.put("UNLOCK_DB_NAME", databases.get(2).name());
        // The server the databases are on: the machine's PostgreSQL, or the testkit's own when none listens.
        environment.put("PGHOST", databases.get(0).host());
        environment.put("PGPORT", String.valueOf(databases.get(0).port()));
        environment.put("PGUSER", databases.get(0).username());
    }

    /**
     * New listening ports for every part, all different and outside the kernel's ephemeral range: a port taken
     * from that range (a listener on port 0) can meanwhile become the source port of any outgoing connection, the
     * services' own connections to PostgreSQL and Kafka included, and then a part cannot bind it.
     */
    public void choosePorts() {
        List<Integer> taken = new ArrayList<>();
        List<String> variables = new ArrayList<>(PORT_VARIABLES);
        if (instances == 2) {
            variables.addAll(SECOND_INSTANCE_PORT_VARIABLES);
        }
        for (String port : variables) {
            int chosen = LoopbackPorts.free(taken);
            taken.add(chosen);
            environment.put(port, String.valueOf(chosen));
        }
    }

    private static final List<String> PORT_VARIABLES = List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "KEYCLOAK_PORT",
            "KEYCLOAK_MANAGEMENT_PORT", "REGISTRY_HTTP_PORT", "AUTH_HTTP_PORT", "AUTH_AGENT_PORT", "UNLOCK_HTTP_PORT",
            "DEMO_RP_PORT", "TOKEN_MANAGER_PORT", "PROMETHEUS_PORT", "CONSOLE_HTTP_PORT");

    /** The second instances' listeners, with PLATFORM_INSTANCES=2. */
    public static final List<String> SECOND_INSTANCE_PORT_VARIABLES = List.of("REGISTRY_HTTP_PORT_2", "AUTH_HTTP_PORT_2",
            "AUTH_AGENT_PORT_2", "UNLOCK_HTTP_PORT_2");

    /** Runs the README's command and waits until it says the platform is running. */
    public void start() {
        start(Duration.ofMinutes(6));
    }

    /** As {@link #start()}, waiting up to {@code patience} for the platform to say it is running. */
    public void start(Duration patience) {
        defaultManagementPort = holdIfFree(9000);
        try {
            Files.createDirectories(var);
            ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/run-platform.sh").toString(), "--no-build", "--no-agent")
                    .directory(root.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            script = builder.start();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Path log = var.resolve("run-platform.out");
            output = CompletableFuture.runAsync(() -> copyOutput(log, ready));
            ready.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // A script still waiting (for a slow Keycloak, say) is stopped, so that a second start does not meet it.
            if (script != null && script.isAlive()) {
                try {
                    stop();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            } else {
                release(defaultManagementPort);
            }
            throw new IllegalStateException("the platform did not start; see " + var.resolve("run-platform.out") + " and "
                    + var.resolve("logs") + ". The script's last words:\n" + lastLines(20), e);
        }
    }

    /** The end of what run-platform.sh printed (its reasons for failing go there), for a failure's message. */
    public String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(var.resolve("run-platform.out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * As {@link #start(Duration)}, once more if the first start fails. On a loaded machine Keycloak's first start (its
     * build step included) can outlast run-platform.sh's wait (KEYCLOAK_START_SECONDS), after which the script stops
     * everything; a second start reuses the data directory, built Keycloak included, as the README's second start
     * does, on new ports in case one of the first was taken meanwhile. The first failure's reason is printed.
     */
    public void startAllowingOneSlowFirstStart(Duration patience) {
        try {
            start(patience);
        } catch (IllegalStateException slowStart) {
            System.out.println("The platform's first start failed, starting it again on new ports: " + slowStart.getMessage());
            choosePorts();
            start(patience);
        }
    }

    private void copyOutput(Path log, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.write(line + "\n");
                file.flush();
                if (line.equals(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("run-platform.sh ended with " + script.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    /** Ctrl-C's signal; returns the script's exit code once everything it started has stopped. */
    public int stop() {
        try {
            // SIGTERM only: Process.destroy() would also close the pipes the script reports its stopping on.
            script.toHandle().destroy();
            if (!script.waitFor(3, TimeUnit.MINUTES)) {
                script.destroyForcibly();
                throw new IllegalStateException("run-platform.sh did not stop within 3 minutes");
            }
            output.get(30, TimeUnit.SECONDS);
            return script.exitValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            release(defaultManagementPort);
        }
    }

    public String log() {
        try {
            return Files.readString(var.resolve("run-platform.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String portVariable) {
        return URI.create("http://127.0.0.1:" + environment.get(portVariable));
    }

    public String kafka() {
        return "127.0.0.1:" + environment.get("KAFKA_PORT");
    }

    /** The read-only observer's login to the platform's broker, with the password run-platform.sh generated. */
    public BrokerLogin observer() {
        return new BrokerLogin(kafka(), BrokerPrincipal.OBSERVER.username(),
                secrets().get(KafkaSetup.passwordVariable(BrokerPrincipal.OBSERVER)));
    }

    /** The secrets run-platform.sh created for this installation. */
    public Map<String, String> secrets() {
        try {
            Map<String, String> secrets = new HashMap<>();
            for (String line : Files.readAllLines(var.resolve("secrets.env"))) {
                int equals = line.indexOf('=');
                secrets.put(line.substring(0, equals), line.substring(equals + 1));
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A staff member signs in to Keycloak with the password run-platform.sh generated for them. */
    public String signIn(String user) {
        String password = secrets().get(user.toUpperCase(Locale.ROOT) + "_PASSWORD");
        return StaffApi.signIn(url("KEYCLOAK_PORT"), REALM, user, password);
    }

    /** The service listening on {@code portVariable}, called as staff member {@code user}. */
    public StaffApi staff(String portVariable, String user) {
        return new StaffApi(url(portVariable), signIn(user));
    }

    /** token-registry's database (every instance's), for a test that must look at or hold what the service shares there. */
    public PostgresDatabase registryDatabase() {
        return databases.get(0);
    }

    /** The pid of a service run-platform.sh started, by its log name ({@code token-registry-2}), from var/run. */
    public ProcessHandle service(String name) {
        try {
            long pid = Long.parseLong(Files.readString(var.resolve("run").resolve(name + ".pid")).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the platform if it runs, then drops its databases. */
    @Override
    public void close() {
        try {
            if (script != null && script.isAlive()) {
                stop();
            }
        } finally {
            databases.forEach(PostgresDatabase::drop);
        }
    }

    /** The port bound on loopback, or null if something else holds it already (which serves the same purpose). */
    private static ServerSocket holdIfFree(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            return null;
        }
    }

    private static void release(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the port is free once the test JVM ends anyway
            }
        }
    }

}
