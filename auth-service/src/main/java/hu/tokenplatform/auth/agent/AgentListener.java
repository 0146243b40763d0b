package hu.tokenplatform.auth.agent;

import hu.tokenplatform.auth.config.AuthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.OpenSsl;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.SSLOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The agent endpoint's own listener: TLS with a client certificate REQUIRED, trusting only what the
 * {@code quarkus.tls.<auth.agent.tls-configuration>} trust store holds (the bank's issuing CA). It is a second
 * Vert.x HTTP server beside Quarkus's browser-facing one, which never asks browsers for certificates. It serves
 * nothing but {@link hu.tokenplatform.tokencrypto.login.LoginAssertion#PATH}. TLS must end here: a proxy in
 * front of it may only pass TCP through.
 */
@ApplicationScoped
public class AgentListener {

    private static final Logger LOG = Logger.getLogger(AgentListener.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final int IDLE_TIMEOUT_SECONDS = 30;

    /**
     * TLS 1.3 and, for TLS 1.2, forward-secret AEAD suites only (ECDHE with AES-GCM or ChaCha20-Poly1305): the
     * JDK's defaults still offer CBC suites with SHA-1 MACs. A configuration ({@code quarkus.tls.<name>.cipher-suites})
     * may narrow this list, never widen it. With OpenSSL (BoringSSL) the TLS 1.3 suites cannot be narrowed: BoringSSL
     * always offers its three, the first three here, all AEAD; the TLS 1.2 list and the protocols are narrowed as set.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    @Inject
    Vertx vertx;

    @Inject
    TlsConfigurationRegistry tlsRegistry;

    @Inject
    AuthConfig config;

    @Inject
    AgentAssertionHandler handler;

    @Inject
    MeterRegistry metrics;

    private volatile HttpServer server;
    private volatile SSLEngineOptions engine;

    void start(@Observes StartupEvent start) throws Exception {
        String name = config.agent().tlsConfiguration();
        TlsConfiguration tls = tlsRegistry.get(name)
                .orElseThrow(() -> new IllegalStateException("quarkus.tls." + name + " is not configured: the agent "
                        + "listener needs its server key and the bank issuing CA as trust store"));
        if (tls.isTrustAll() || tls.getTrustStoreOptions() == null || tls.getKeyStoreOptions() == null) {
            throw new IllegalStateException("quarkus.tls." + name + " needs a key store and a trust store, and must not trust all");
        }
        SSLOptions ssl = tls.getSSLOptions();
        if (!PROTOCOLS.containsAll(ssl.getEnabledSecureTransportProtocols())
                || !CIPHER_SUITES.containsAll(ssl.getEnabledCipherSuites())) {
            throw new IllegalStateException("quarkus.tls." + name + " may enable only the protocols " + PROTOCOLS
                    + " and the cipher suites " + CIPHER_SUITES);
        }
        List<String> cipherSuites = ssl.getEnabledCipherSuites().isEmpty() ? CIPHER_SUITES : List.copyOf(ssl.getEnabledCipherSuites());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.agent().host())
                .setPort(config.agent().port())
                .setSsl(true)
                .setKeyCertOptions(tls.getKeyStoreOptions())
                .setTrustOptions(tls.getTrustStoreOptions())
                .setClientAuth(ClientAuth.REQUIRED)
                .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols())
                .setSslHandshakeTimeout(config.agent().handshakeTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setMaxInitialLineLength(1024)
                .setMaxHeaderSize(8192)
                .setCompressionSupported(false);
        cipherSuites.forEach(options::addEnabledCipherSuite);
        engine = engine();
        options.setSslEngineOptions(engine);
        Counter refusedHandshakes = Counter.builder("auth.agent.tls.failures")
                .description("Connections to the agent listener that failed before HTTP, mostly refused TLS handshakes "
                        + "(no client certificate, another CA, an expired or non-login certificate)")
                .register(metrics);
        HttpServer created = vertx.createHttpServer(options)
                .requestHandler(handler)
                .exceptionHandler(failure -> {
                    refusedHandshakes.increment();
                    LOG.debugf("Agent connection failed: %s", failure.getClass().getSimpleName());
                });
        server = created.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.infof("Agent endpoint listening with mutual TLS (%s) on %s:%d", tlsEngine(), config.agent().host(), server.actualPort());
        // Which engine runs the handshakes, for dashboards: a fall-back to the JDK costs several times the CPU.
        Gauge.builder("auth.agent.tls.engine", () -> 1).description("The agent listener's TLS engine (label engine: openssl or jdk)")
                .tag("engine", tlsEngine()).register(metrics);
    }

    /** OpenSSL when configured and its native library loads here; the JDK otherwise. */
    private SSLEngineOptions engine() {
        if (config.agent().tlsEngine() == AuthConfig.TlsEngine.OPENSSL) {
            if (OpenSSLEngineOptions.isAvailable()) {
                return new OpenSSLEngineOptions();
            }
            LOG.warnf("auth.agent.tls-engine is openssl, but OpenSSL cannot be loaded here (%s): the agent listener's TLS runs "
                    + "in the JDK, at several times the CPU per handshake", OpenSsl.unavailabilityCause());
        }
        return new JdkSSLEngineOptions();
    }

    /** Who does the listener's TLS: {@code openssl} or {@code jdk}. */
    public String tlsEngine() {
        return engine instanceof OpenSSLEngineOptions ? "openssl" : "jdk";
    }

    void stop(@Observes ShutdownEvent stop) throws Exception {
        HttpServer running = server;
        if (running != null) {
            running.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return server.actualPort();
    }
}
