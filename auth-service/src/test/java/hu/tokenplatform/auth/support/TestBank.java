package hu.tokenplatform.auth.support;

import hu.tokenplatform.auth.pki.CrlCache;
import hu.tokenplatform.auth.pki.CrlUnavailableException;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The test PKI that {@link TestBankResource} created, seen from a running test. */
public final class TestBank {

    static final String CA_FILE = "ca.p12";
    static final String TLS_CA_FILE = "bank-tls-ca.pem";
    static final String CRL_FILE = "crl.der";

    private static TestCa ca;
    private static final AtomicLong CRL_NUMBER = new AtomicLong(1);
    private static final Map<BigInteger, TestCa.Revocation> REVOKED = new HashMap<>();

    private TestBank() {
    }

    public static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue(TestBankResource.DIR_PROPERTY, String.class));
    }

    public static synchronized TestCa ca() {
        if (ca == null) {
            ca = TestCa.load(dir().resolve(CA_FILE));
        }
        return ca;
    }

    /** PEM of the CA that issued the agent listener's TLS certificate: what Token Manager trusts. */
    public static Path tlsTrustStore() {
        return dir().resolve(TLS_CA_FILE);
    }

    /** Puts the serial on the CRL the distribution point serves and makes auth-service fetch it now. */
    public static synchronized void revokeInCrl(BigInteger serial, CrlCache cache) throws CrlUnavailableException {
        revoke(serial, CRLReason.KEY_COMPROMISE);
        cache.refresh();
    }

    /**
     * Revokes the serial in the test bank's records, as token-registry's revocation does: on the CRL the distribution
     * point serves (auth-service fetches it on its schedule) and at once in the OCSP responder's answers.
     *
     * @return the revocation time, in whole seconds as CRL and OCSP carry it
     */
    public static synchronized Instant revoke(BigInteger serial, CRLReason reason) {
        Instant at = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        REVOKED.put(serial, new TestCa.Revocation(at, reason.ordinal()));
        publishCrl(Instant.now().plus(1, ChronoUnit.DAYS));
        return at;
    }

    /** Makes token-registry's OCSP responder (as the tests play it) behave so from its next request on. */
    public static void ocspBehaviour(TestOcspResponder.Behaviour behaviour) {
        TestOcspResponder.behave(dir(), behaviour);
    }

    /** How many OCSP requests about {@code serial} the responder got. */
    public static long ocspRequestsFor(BigInteger serial) {
        return TestOcspResponder.requestsFor(dir(), serial);
    }

    /** The OCSP responder auth-service is configured with. */
    public static URI ocspUrl() {
        return URI.create(ConfigProvider.getConfig().getValue("auth.revocation.ocsp-url", String.class));
    }

    /** Serves a new CRL with the revocations so far that goes stale at {@code nextUpdate}. */
    public static synchronized void publishCrl(Instant nextUpdate) {
        try {
            Files.write(dir().resolve(CRL_FILE), ca().crlWithReasons(REVOKED, CRL_NUMBER.incrementAndGet(), Instant.now().minusSeconds(1), nextUpdate)
                    .getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String secretHash(String secret) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
