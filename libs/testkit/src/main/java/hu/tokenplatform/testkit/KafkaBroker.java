package hu.tokenplatform.testkit;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.kafkasetup.BrokerSecurity;
import hu.tokenplatform.kafkasetup.BrokerSetup;
import hu.tokenplatform.kafkasetup.KafkaSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in a forked JVM, secured as the
 * platform's broker is ({@link BrokerSecurity}, {@link BrokerSetup}): every client logs in with SASL/SCRAM as one
 * of the {@link BrokerPrincipal}s and may do what the access policy allows, nothing more; topics exist from the
 * first start on and no client creates one.
 * <p>
 * Every broker has its own random passwords, held only by this object and by the broker's configuration in its
 * work directory (readable by the owner only): a test logs in through {@link #login(BrokerPrincipal)}, or as the
 * super user through {@link #adminLogin()} to set up topics of its own.
 * <p>
 * The broker runs in its own process so that a test can {@link #stop()} it and {@link #start()} it again on the
 * same address with the same data, which is what a Kafka outage looks like to a service. It runs from the
 * {@code kafka_2.13} artifact on the test class path; no Docker and no Kafka installation are needed.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;
    private static final String HOST = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Broker processes of this JVM; killed on JVM exit so that none outlives the tests that started it. */
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> PROCESSES.forEach(Process::destroyForcibly), "testkit-kafka-reaper"));
    }

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private final Path config;
    private final Path classpathFile;
    private final Path logFile;
    private final String adminPassword = newPassword();
    private final String controllerPassword = newPassword();
    private final Map<BrokerPrincipal, String> passwords = new EnumMap<>(BrokerPrincipal.class);
    private volatile Process process;
    private boolean policyApplied;

    private KafkaBroker(Path workDir, int port, int controllerPort) {
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.config = workDir.resolve("server.properties");
        this.classpathFile = workDir.resolve("classpath.args");
        this.logFile = workDir.resolve("broker.log");
        for (BrokerPrincipal principal : BrokerPrincipal.values()) {
            passwords.put(principal, newPassword());
        }
    }

    /**
     * Prepares a broker in {@code workDir} (created if missing) on two free loopback ports and formats its
     * storage with the admin's credential. The broker is not started.
     */
    public static KafkaBroker create(Path workDir) {
        Path dir = workDir.toAbsolutePath();
        int[] ports = freePorts(2);
        KafkaBroker broker = new KafkaBroker(dir, ports[0], ports[1]);
        try {
            Files.createDirectories(dir);
            broker.writeConfig();
            broker.writeClasspath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka work directory " + dir, e);
        }
        broker.formatStorage();
        return broker;
    }

    /** {@code 127.0.0.1:port}; stays the same across restarts. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** How {@code principal} logs in to this broker. */
    public BrokerLogin login(BrokerPrincipal principal) {
        return new BrokerLogin(bootstrapServers(), principal.username(), passwords.get(principal));
    }

    /** The broker's super user, for what no principal of the platform may do (e.g. creating a test's own topics). */
    public BrokerLogin adminLogin() {
        return new BrokerLogin(bootstrapServers(), BrokerSecurity.ADMIN, adminPassword);
    }

    /** Creates topics (one partition each) as the admin; the broker creates none on a client's request. */
    public void createTopics(String... topics) {
        try (Admin admin = Admin.create(adminLogin().clientProperties())) {
            admin.createTopics(Arrays.stream(topics).map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(topics) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** {@code 127.0.0.1:port} of the controller listener, which only the broker itself may use. */
    String controllerAddress() {
        return HOST + ":" + controllerPort;
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * Starts the broker process and waits until it answers a client; the first start also applies the platform's
     * topics, credentials and ACLs ({@link BrokerSetup}), which the broker keeps across restarts.
     *
     * @throws IllegalStateException if it is already running, exits, or does not answer within 60 s; the message
     *                               holds the end of the broker's log
     */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
        }
        appendToLog("---- starting broker at " + Instant.now());
        try {
            process = new ProcessBuilder(javaCommand("server", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fork the Kafka broker JVM", e);
        }
        PROCESSES.add(process);
        awaitReady();
        if (!policyApplied) {
            BrokerSetup.apply(adminLogin(), passwords);
            policyApplied = true;
            awaitEveryLogin();
        }
    }

    /**
     * The broker takes a new SCRAM credential into its login cache a moment after the controller has committed it;
     * a client that logs in within that moment is refused as if its password were wrong (seen on a loaded machine).
     * Returns once every principal can log in, so that no test meets that moment.
     */
    private void awaitEveryLogin() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (BrokerPrincipal principal : passwords.keySet()) {
            Map<String, Object> properties = new HashMap<>(login(principal).clientProperties());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
            try (Admin admin = Admin.create(properties)) {
                while (aliveBrokers(admin).isEmpty()) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(principal.username() + " cannot log in to the broker on "
                                + bootstrapServers() + " within " + START_TIMEOUT + tail(logFile));
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker's logins", e);
            }
        }
    }

    /** Stops the broker gracefully (forcibly after 20 s) and returns once the process has exited. */
    public synchronized void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                current.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            PROCESSES.remove(current);
            process = null;
        }
    }

    /** Stops the broker and deletes its work directory, data included. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(workDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Kafka work directory " + workDir, e);
        }
    }

    private void writeConfig() throws IOException {
        Properties properties = new Properties();
        properties.putAll(BrokerSecurity.singleNodeProperties(HOST, port, controllerPort, adminPassword, controllerPassword));
        properties.putAll(Map.ofEntries(
                Map.entry("log.dirs", workDir.resolve("data").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // One partition instead of 50 makes the first consumer group and transaction start in a blink.
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A fast heartbeat unfences the broker sooner after (re)start.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("log.segment.bytes", String.valueOf(8 * 1024 * 1024)),
                // The default 128 MB compaction buffer would take a quarter of the broker's heap.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
                // Few threads: the machine running the tests is small and the load is tiny.
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1")));
        // It holds the admin's and the controller's passwords: readable by the owner only, from its creation on.
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "testkit single-node KRaft broker");
        }
    }

    /**
     * The forked JVM gets the class path of this JVM, which holds Kafka since it is a dependency of the testkit.
     * Under Surefire's manifest-only booter jar {@code java.class.path} is still the full test class path, and a
     * manifest-only jar would work too because {@code java} follows its {@code Class-Path}. It goes into an
     * argument file because a service's test class path can exceed the 128 KiB limit on one command-line argument.
     */
    private void writeClasspath() throws IOException {
        String classpath = System.getProperty("java.class.path");
        String quoted = '"' + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        Files.writeString(classpathFile, "-cp\n" + quoted + "\n");
    }

    private void formatStorage() {
        Path formatLog = workDir.resolve("format.log");
        try {
            ProcessBuilder builder = new ProcessBuilder(javaCommand("format", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(formatLog.toFile());
            // In the environment, which only this user can read, not on the command line.
            builder.environment().put(KafkaSetup.ADMIN_PASSWORD, adminPassword);
            Process format = builder.start();
            if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage took longer than " + FORMAT_TIMEOUT
                        + tail(formatLog));
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed with exit code "
                        + format.exitValue() + tail(formatLog));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fork the Kafka storage tool JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // A test broker needs a fast start, not peak throughput.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Djava.util.logging.SimpleFormatter.format=%1$tF %1$tT %4$s [%3$s] %5$s%6$s%n",
                "@" + classpathFile,
                ForkedKafkaMain.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Admin admin = null;
        try {
            while (true) {
                Process current = process;
                if (!current.isAlive()) {
                    stop();
                    throw new IllegalStateException("Kafka broker exited with code " + current.exitValue()
                            + " while starting" + tail(logFile));
                }
                if (System.nanoTime() - deadline > 0) {
                    stop();
                    throw new IllegalStateException("Kafka broker did not answer on " + bootstrapServers()
                            + " within " + START_TIMEOUT + tail(logFile));
                }
                // A client only once the port is open: before, it would log a warning every few milliseconds.
                if (admin == null && acceptsConnections()) {
                    Map<String, Object> properties = new HashMap<>(adminLogin().clientProperties());
                    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
                    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
                    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
                    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
                    admin = Admin.create(properties);
                }
                if (admin != null && !aliveBrokers(admin).isEmpty()) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        } finally {
            if (admin != null) {
                admin.close();
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The unfenced brokers the cluster reports, empty while the broker does not answer yet. */
    private static Collection<Node> aliveBrokers(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return "; last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "; " + log + " is unreadable: " + e;
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Distinct free loopback ports: all sockets are held open together so the same port is never handed out twice. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST));
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released anyway when the socket is garbage collected
                }
            }
        }
    }
}
