package hu.tokenplatform.auth.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * token-registry's OCSP responder as the tests play it, on loopback. Honest, it answers like the registry: a
 * delegated responder certificate from the test CA signs, the status comes from the test bank's CRL
 * ({@code crl.der}: revoked, with time and reason) and from the serials the test CA issued (good; any other serial
 * is unknown), the nonce is echoed, thisUpdate is now. A {@link Behaviour} turns it into the attacker or the broken
 * responder a test needs. The behaviour and the request log are files in the bank directory, so that the test
 * resource that runs the responder and the tests that steer it share them whatever class loader each runs in.
 */
public final class TestOcspResponder implements AutoCloseable {

    static final String BEHAVIOUR_FILE = "ocsp-behaviour";
    static final String REQUEST_LOG = "ocsp-requests";
    /** How long {@link Behaviour#SLOW} waits before it answers: longer than any client timeout in the tests. */
    public static final Duration SLOW_ANSWER = Duration.ofSeconds(5);

    public enum Behaviour {
        /** The registry's responder. */
        HONEST,
        /** Signed by the issuing CA's own key (RFC 6960 lets the CA answer itself); no certificate included. */
        SIGNED_BY_ISSUING_CA,
        /** Signed by the delegated responder of another CA (an attacker's own PKI), its certificate included. */
        UNTRUSTED_SIGNER,
        /** Names the issuing CA as responder but is signed with another key. */
        FORGED_CA_SIGNATURE,
        /** Signed by a certificate of the issuing CA without id-kp-OCSPSigning (a key that may not speak for the CA). */
        SIGNER_WITHOUT_OCSP_SIGNING,
        /** Signed by a delegated responder certificate of the issuing CA that has expired. */
        EXPIRED_SIGNER,
        /** Honest, but without the nonce. */
        NO_NONCE,
        /** Serves again the answer last given for the serial to an earlier request (so its nonce is that request's). */
        REPLAY,
        /** A properly signed status for another serial. */
        OTHER_SERIAL,
        /** A properly signed status for the serial under another issuer's name and key hash. */
        OTHER_ISSUER,
        /** thisUpdate an hour ago. */
        STALE,
        /** thisUpdate ten minutes ahead. */
        FUTURE,
        /** nextUpdate a minute ago. */
        NEXT_UPDATE_PASSED,
        /** The OCSP error status tryLater. */
        TRY_LATER,
        /** HTTP 503. */
        HTTP_ERROR,
        /** An HTML page. */
        NOT_OCSP,
        /** application/ocsp-response with bytes that are not an OCSPResponse. */
        GARBAGE,
        /** 64 KiB, with its Content-Length. */
        OVERSIZED,
        /** 64 KiB, streamed without a Content-Length. */
        OVERSIZED_CHUNKED,
        /** Honest, after {@link #SLOW_ANSWER}. */
        SLOW,
        /** Closes the connection without answering. */
        HANG_UP
    }

    private final Path bankDir;
    private final TestCa ca;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-ocsp-responder");
        thread.setDaemon(true);
        return thread;
    });
    private final KeyPair responderKeys = TestCa.ecKeyPair("secp256r1");
    private final X509Certificate responder;
    private final Map<BigInteger, byte[]> lastAnswers = new ConcurrentHashMap<>();
    private volatile Attackers attackers;

    /** What the dishonest behaviours sign with, made on first use. */
    private record Attackers(TestCa otherCa, KeyPair otherResponderKeys, X509Certificate otherResponder, KeyPair forgedKeys,
                             KeyPair noOcspSigningKeys, X509Certificate noOcspSigning, KeyPair expiredKeys, X509Certificate expired) {
    }

    private TestOcspResponder(Path bankDir, TestCa ca) throws IOException {
        this.bankDir = bankDir;
        this.ca = ca;
        Instant now = Instant.now();
        this.responder = ca.ocspResponder(responderKeys.getPublic(), now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS), true);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/ocsp", this::handle);
    }

    /** Starts an honest responder for the test bank in {@code bankDir}, answering for {@code ca}. */
    public static TestOcspResponder start(Path bankDir, TestCa ca) {
        try {
            TestOcspResponder responder = new TestOcspResponder(bankDir, ca);
            responder.server.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** Makes the responder of the bank in {@code bankDir} behave so from its next request on. */
    public static void behave(Path bankDir, Behaviour behaviour) {
        try {
            Files.writeString(bankDir.resolve(BEHAVIOUR_FILE), behaviour.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests the responder of the bank in {@code bankDir} got about {@code serial}. */
    public static long requestsFor(Path bankDir, BigInteger serial) {
        try {
            Path log = bankDir.resolve(REQUEST_LOG);
            if (!Files.exists(log)) {
                return 0;
            }
            try (var lines = Files.lines(log)) {
                return lines.filter(serial.toString(16)::equals).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Behaviour behaviour = behaviour();
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readNBytes(8192));
            CertificateID asked = request.getRequestList()[0].getCertID();
            log(asked.getSerialNumber());
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            switch (behaviour) {
                case HANG_UP -> {
                    return;  // closing the exchange before a response closes the connection
                }
                case SLOW -> sleep(SLOW_ANSWER);
                case HTTP_ERROR -> {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                case NOT_OCSP -> {
                    send(exchange, "text/html; charset=utf-8", "<html><body>Service Unavailable</body></html>"
                            .getBytes(StandardCharsets.UTF_8), true);
                    return;
                }
                case GARBAGE -> {
                    send(exchange, "application/ocsp-response", "not an OCSP response".getBytes(StandardCharsets.US_ASCII), true);
                    return;
                }
                case OVERSIZED, OVERSIZED_CHUNKED -> {
                    send(exchange, "application/ocsp-response", new byte[64 * 1024], behaviour == Behaviour.OVERSIZED);
                    return;
                }
                case TRY_LATER -> {
                    send(exchange, "application/ocsp-response", TestCa.ocspError(OCSPRespBuilder.TRY_LATER), true);
                    return;
                }
                case REPLAY -> {
                    byte[] earlier = lastAnswers.get(asked.getSerialNumber());
                    if (earlier == null) {
                        exchange.sendResponseHeaders(500, -1);
                        return;
                    }
                    send(exchange, "application/ocsp-response", earlier, true);
                    return;
                }
                default -> {
                }
            }
            byte[] answer = answer(behaviour, asked, nonce);
            if (behaviour == Behaviour.HONEST) {
                lastAnswers.put(asked.getSerialNumber(), answer);
            }
            send(exchange, "application/ocsp-response", answer, true);
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(e);
        }
    }

    private byte[] answer(Behaviour behaviour, CertificateID asked, Extension nonce) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant thisUpdate = switch (behaviour) {
            case STALE -> now.minus(1, ChronoUnit.HOURS);
            case FUTURE -> now.plus(10, ChronoUnit.MINUTES);
            case NEXT_UPDATE_PASSED -> now.minus(2, ChronoUnit.SECONDS);
            default -> now;
        };
        Instant nextUpdate = behaviour == Behaviour.NEXT_UPDATE_PASSED ? now.minus(1, ChronoUnit.MINUTES) : now.plus(1, ChronoUnit.HOURS);
        CertificateID answered = switch (behaviour) {
            case OTHER_SERIAL -> new CertificateID(digest(asked), new JcaX509CertificateHolder(ca.issuing), asked.getSerialNumber().add(BigInteger.ONE));
            case OTHER_ISSUER -> new CertificateID(digest(asked), new JcaX509CertificateHolder(attackers().otherCa().issuing), asked.getSerialNumber());
            default -> asked;
        };
        Extension echoed = behaviour == Behaviour.NO_NONCE ? null : nonce;
        CertificateStatus status = status(asked.getSerialNumber());
        return switch (behaviour) {
            case SIGNED_BY_ISSUING_CA -> TestCa.ocspResponse(answered, status, thisUpdate, nextUpdate, echoed, ca.issuingKeys, null);
            case UNTRUSTED_SIGNER -> TestCa.ocspResponse(answered, status, thisUpdate, nextUpdate, echoed,
                    attackers().otherResponderKeys(), attackers().otherResponder());
            case FORGED_CA_SIGNATURE -> forgedAsIssuingCa(answered, status, thisUpdate, nextUpdate, echoed);
            case SIGNER_WITHOUT_OCSP_SIGNING -> TestCa.ocspResponse(answered, status, thisUpdate, nextUpdate, echoed,
                    attackers().noOcspSigningKeys(), attackers().noOcspSigning());
            case EXPIRED_SIGNER -> TestCa.ocspResponse(answered, status, thisUpdate, nextUpdate, echoed,
                    attackers().expiredKeys(), attackers().expired());
            default -> TestCa.ocspResponse(answered, status, thisUpdate, nextUpdate, echoed, responderKeys, responder);
        };
    }

    /** Responder id = the issuing CA's key hash, but signed with another key (no certificate to name it). */
    private byte[] forgedAsIssuingCa(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                                     Extension nonce) throws Exception {
        var builder = new org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder(new org.bouncycastle.cert.ocsp.RespID(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(ca.issuing.getPublicKey().getEncoded()),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1)));
        builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
        if (nonce != null) {
            builder.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
        }
        var basic = builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA")
                .build(attackers().forgedKeys().getPrivate()), null, Date.from(thisUpdate));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** From the bank's CRL and the serials the test CA issued, as the registry reads its database. */
    private CertificateStatus status(BigInteger serial) throws Exception {
        Path crlFile = bankDir.resolve(TestBank.CRL_FILE);
        if (Files.exists(crlFile)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(Files.readAllBytes(crlFile)));
            X509CRLEntry entry = crl.getRevokedCertificate(serial);
            if (entry != null) {
                int reason = entry.getRevocationReason() == null ? 0 : entry.getRevocationReason().ordinal();
                return new RevokedStatus(entry.getRevocationDate(), reason);
            }
        }
        return TestCa.issued(bankDir, serial) ? CertificateStatus.GOOD : new UnknownStatus();
    }

    private Attackers attackers() {
        Attackers made = attackers;
        if (made == null) {
            Instant now = Instant.now();
            TestCa otherCa = TestCa.create("Evil Bank");
            KeyPair otherResponderKeys = TestCa.ecKeyPair("secp256r1");
            KeyPair noOcspSigningKeys = TestCa.ecKeyPair("secp256r1");
            KeyPair expiredKeys = TestCa.ecKeyPair("secp256r1");
            made = new Attackers(otherCa, otherResponderKeys,
                    otherCa.ocspResponder(otherResponderKeys.getPublic(), now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), true),
                    TestCa.ecKeyPair("secp384r1"), noOcspSigningKeys,
                    ca.ocspResponder(noOcspSigningKeys.getPublic(), now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), false),
                    expiredKeys,
                    ca.ocspResponder(expiredKeys.getPublic(), now.minus(40, ChronoUnit.DAYS), now.minus(10, ChronoUnit.DAYS), true));
            attackers = made;
        }
        return made;
    }

    private static AlgorithmIdentifier algorithm(CertificateID id) {
        return new AlgorithmIdentifier(id.getHashAlgOID());
    }

    private static org.bouncycastle.operator.DigestCalculator digest(CertificateID id) throws Exception {
        return new JcaDigestCalculatorProviderBuilder().build().get(algorithm(id));
    }

    private Behaviour behaviour() throws IOException {
        Path file = bankDir.resolve(BEHAVIOUR_FILE);
        return Files.exists(file) ? Behaviour.valueOf(Files.readString(file).trim()) : Behaviour.HONEST;
    }

    private synchronized void log(BigInteger serial) throws IOException {
        Files.writeString(bankDir.resolve(REQUEST_LOG), serial.toString(16) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body, boolean withLength) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, withLength ? body.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
