package hu.tokenplatform.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/**
 * One full mutual-TLS 1.3 handshake in memory, JDK SunJSSE on both sides (two {@link SSLEngine}s, no sockets), with
 * P-256 server and client certificates from one CA: what every login pays on the agent listener, as client and
 * server together. No session is resumed: the client engine is made without a peer host and port, so each
 * handshake is a full one, as with the benchmark's fresh {@code SSLContext} per login.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsHandshakeBenchmark {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    /** A handshake takes a handful of flights; more steps than this means the engines are stuck. */
    private static final int MAX_STEPS = 200;
    /** Room for every record one side writes before the other reads: the server's flight holds its certificate. */
    private static final int NETWORK_BUFFER = 64 * 1024;

    private SSLContext clientContext;
    private SSLContext serverContext;

    @Setup
    public void contexts() throws GeneralSecurityException {
        BenchPki pki = new BenchPki();
        char[] password = "bench".toCharArray();
        clientContext = context(BenchPki.keyStore(pki.loginKeys, pki.login, password), password, BenchPki.trustStore(pki.ca));
        serverContext = context(BenchPki.keyStore(pki.serverKeys, pki.server, password), password, BenchPki.trustStore(pki.ca));
    }

    @Benchmark
    public SSLSession mutualHandshake() throws SSLException {
        SSLEngine client = clientContext.createSSLEngine();
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[]{"TLSv1.3"});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[]{"TLSv1.3"});
        ByteBuffer toServer = ByteBuffer.allocate(NETWORK_BUFFER);
        ByteBuffer toClient = ByteBuffer.allocate(NETWORK_BUFFER);
        ByteBuffer clientApplication = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
        ByteBuffer serverApplication = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (finished(client) && finished(server)) {
                return server.getSession();
            }
            step(client, toServer, toClient, clientApplication);
            step(server, toClient, toServer, serverApplication);
        }
        throw new SSLException("the handshake did not finish in " + MAX_STEPS + " steps");
    }

    /** One move of an engine: run its tasks, write its next records to {@code out}, or read what {@code in} holds. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer application) throws SSLException {
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            status = engine.getHandshakeStatus();
        }
        switch (status) {
            case NEED_WRAP -> engine.wrap(NOTHING, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, application);
                in.compact();
            }
            default -> {
                // done, or waiting for the other side
            }
        }
    }

    private static boolean finished(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static SSLContext context(KeyStore keys, char[] password, KeyStore trust) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
