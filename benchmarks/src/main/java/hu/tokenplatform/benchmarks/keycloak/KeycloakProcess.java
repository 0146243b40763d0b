package hu.tokenplatform.benchmarks.keycloak;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Keycloak server in production mode: {@code kc.sh build} once per installation with the build-time options, then
 * {@code kc.sh start --optimized}. Starting optimized keeps the measured JVM the only Keycloak JVM (without it,
 * {@code start} may re-augment and relaunch itself, changing the process the benchmark watches) and takes the
 * build out of the bounded start.
 */
final class KeycloakProcess implements AutoCloseable {

    /**
     * Build-time options. {@code dev-file} is Keycloak's embedded H2: the comparison measures Keycloak's login, whose
     * user and realm lookups are served from its local caches after the first, not a database we would have to
     * tune for it. Whether TLS asks for a client certificate is fixed at build time: {@code request}, so that a
     * client without one still reaches the admin API and the health check, and the X.509 authenticator decides.
     */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true", "--https-client-auth=request");
    /**
     * {@code cache=local}: one node, so no cluster discovery or replication in the measurement, and nothing listens
     * beyond loopback (the default clustered cache opens JGroups on every interface).
     */
    static final String CACHE = "--cache=local";
    /** The same heap the staff Keycloak gets in deploy/local-keycloak.sh. */
    static final String HEAP = "-Xmx768m";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String BUILD_MARKER = ".bench-build-options";

    private final Process launcher;
    private final ProcessHandle java;
    private final int httpsPort;
    private final Path log;

    private KeycloakProcess(Process launcher, ProcessHandle java, int httpsPort, Path log) {
        this.launcher = launcher;
        this.java = java;
        this.httpsPort = httpsPort;
        this.log = log;
    }

    /**
     * Starts Keycloak from {@code home} on free loopback ports and waits, at most {@code startTimeout}, until its
     * management interface reports it ready.
     *
     * @param trustStore the PKCS#12 file holding the bank's issuing CA chain: the client certificates TLS accepts
     * @param caPem      the same chain in PEM, Keycloak's own trust store (it looks up the CRL signer there)
     */
    static KeycloakProcess start(Path home, Path dir, ServerIdentity identity, Path trustStore, String trustStorePassword,
                                 Path caPem, KeycloakAdmin.Credentials admin, Duration startTimeout) {
        Path log = dir.resolve("keycloak.log");
        try {
            build(home, dir.resolve("build.log"));
            // Every run starts from an empty database: the realm and its users are the run's own.
            deleteTree(home.resolve("data"));
            Path certificate = dir.resolve("server.crt");
            Path key = dir.resolve("server.key");
            identity.writePem(certificate, key);
            int httpsPort = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized", CACHE,
                    "--http-enabled=false", "--http-host=127.0.0.1", "--https-port=" + httpsPort,
                    "--https-certificate-file=" + certificate, "--https-certificate-key-file=" + key,
                    "--https-trust-store-file=" + trustStore, "--https-trust-store-type=PKCS12",
                    "--truststore-paths=" + caPem,
                    "--hostname-strict=false", "--http-management-port=" + managementPort));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            // Secrets go through the environment, never the command line that ps shows.
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", admin.username());
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", admin.password());
            env.put("KC_HTTPS_TRUST_STORE_PASSWORD", trustStorePassword);
            env.put("JAVA_OPTS_APPEND", HEAP);
            Process launcher = builder.start();
            launcher.getOutputStream().close();
            awaitReady(launcher, managementPort, identity.trustStore(), log, startTimeout);
            ProcessHandle java = launcher.toHandle().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst()
                    .orElse(null);
            if (java == null) {
                stopQuietly(launcher);
                throw new KeycloakStartException("Keycloak was ready but its java process was not found under kc.sh");
            }
            return new KeycloakProcess(launcher, java, httpsPort, log);
        } catch (IOException e) {
            throw new KeycloakStartException("Keycloak cannot be started: " + e.getMessage(), e);
        }
    }

    int httpsPort() {
        return httpsPort;
    }

    long javaPid() {
        return java.pid();
    }

    /** Stops Keycloak (kc.sh forwards SIGTERM to its JVM) and checks that both processes are gone. */
    @Override
    public void close() {
        launcher.destroy();
        boolean stopped = waitFor(java) & waitFor(launcher.toHandle());
        if (!stopped) {
            java.destroyForcibly();
            launcher.destroyForcibly();
            throw new KeycloakStartException("Keycloak (pid " + java.pid() + ") did not stop within " + STOP_TIMEOUT
                    + " of SIGTERM and was killed; see " + log);
        }
    }

    private static boolean waitFor(ProcessHandle process) {
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** {@code kc.sh build}, skipped when this installation was last built with the same options. */
    private static void build(Path home, Path buildLog) throws IOException {
        Path marker = home.resolve(BUILD_MARKER);
        String options = String.join(" ", BUILD_OPTIONS);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(options)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        Process build = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(buildLog.toFile())).start();
        build.getOutputStream().close();
        try {
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new KeycloakStartException("kc.sh build took over " + BUILD_TIMEOUT + "; see " + buildLog);
            }
        } catch (InterruptedException e) {
            build.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KeycloakStartException("interrupted during kc.sh build", e);
        }
        if (build.exitValue() != 0) {
            throw new KeycloakStartException("kc.sh build failed (exit " + build.exitValue() + "): "
                    + KeycloakStartException.tail(buildLog));
        }
        Files.writeString(marker, options);
    }

    private static void awaitReady(Process launcher, int managementPort, KeyStore serverTrust, Path log, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(serverTrust))
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new KeycloakStartException("Keycloak exited with " + launcher.exitValue() + " while starting: "
                        + KeycloakStartException.tail(log));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens late in the start: keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopQuietly(launcher);
                throw new KeycloakStartException("interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(500));
        }
        stopQuietly(launcher);
        throw new KeycloakStartException("Keycloak was not ready within " + timeout + ": " + KeycloakStartException.tail(log));
    }

    static SSLContext trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TLS client context cannot be made", e);
        }
    }

    /** A start that failed leaves no Keycloak behind. */
    private static void stopQuietly(Process launcher) {
        List<ProcessHandle> all = new ArrayList<>(launcher.toHandle().descendants().toList());
        all.add(launcher.toHandle());
        all.forEach(ProcessHandle::destroy);
        all.forEach(p -> {
            if (!waitFor(p)) {
                p.destroyForcibly();
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
