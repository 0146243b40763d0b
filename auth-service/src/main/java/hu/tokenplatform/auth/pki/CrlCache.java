package hu.tokenplatform.auth.pki;

import hu.tokenplatform.auth.config.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuing CA's CRL, the fallback behind the event projection. Fetched only from the configured URL (a URL
 * inside a certificate is never followed, so a client cannot make us fetch anything), verified against the
 * pinned issuing CA, kept until its nextUpdate and refreshed ahead of it. A CRL past its nextUpdate is stale:
 * revocation status is then unknown and logins fail closed.
 */
@ApplicationScoped
public class CrlCache {

    private static final Logger LOG = Logger.getLogger(CrlCache.class);

    /** A verified CRL, reduced to what lookups need. */
    public record Snapshot(BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate, Map<BigInteger, Instant> revoked) {
    }

    public enum Status {
        FRESH,
        STALE,
        ABSENT
    }

    private final AuthConfig config;
    private final BankTrust trust;
    private final Clock clock;
    private final HttpClient http;
    private volatile Snapshot current;

    @Inject
    public CrlCache(AuthConfig config, BankTrust trust, Clock clock) {
        this.config = config;
        this.trust = trust;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.revocation().fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logins need a CRL from the start; a registry that is down now is retried on the schedule. */
    void onStart(@Observes StartupEvent start) {
        scheduledRefresh();
    }

    @Scheduled(every = "${auth.revocation.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (CrlUnavailableException e) {
            LOG.warnf("CRL not refreshed from %s: %s (current CRL %s)", config.revocation().crlUrl(), e.getMessage(), status());
        }
    }

    /** Fetches, verifies and installs the CRL; an older CRL than the one held is refused (rollback). */
    public synchronized Snapshot refresh() throws CrlUnavailableException {
        Snapshot fetched = verify(fetch());
        Snapshot held = current;
        if (held != null && fetched.crlNumber().compareTo(held.crlNumber()) < 0) {
            throw new CrlUnavailableException("CRL number " + fetched.crlNumber() + " is older than the one held");
        }
        current = fetched;
        return fetched;
    }

    public Status status() {
        Snapshot snapshot = current;
        if (snapshot == null) {
            return Status.ABSENT;
        }
        return clock.instant().isBefore(snapshot.nextUpdate()) ? Status.FRESH : Status.STALE;
    }

    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(current);
    }

    /**
     * When the CRL says the certificate was revoked; empty if it is not on it.
     *
     * @throws CrlUnavailableException if no fresh CRL is held: the caller must fail closed
     */
    public Optional<Instant> revocationOf(BigInteger serial) throws CrlUnavailableException {
        Snapshot snapshot = current;
        if (snapshot == null || !clock.instant().isBefore(snapshot.nextUpdate())) {
            throw new CrlUnavailableException(snapshot == null ? "no CRL held yet" : "CRL past its nextUpdate " + snapshot.nextUpdate());
        }
        return Optional.ofNullable(snapshot.revoked().get(serial));
    }

    private byte[] fetch() throws CrlUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(config.revocation().crlUrl())
                .timeout(config.revocation().fetchTimeout())
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new CrlUnavailableException("HTTP " + response.statusCode());
                }
                byte[] der = body.readNBytes(config.revocation().maxCrlBytes() + 1);
                if (der.length > config.revocation().maxCrlBytes()) {
                    throw new CrlUnavailableException("CRL larger than " + config.revocation().maxCrlBytes() + " bytes");
                }
                return der;
            }
        } catch (IOException e) {
            throw new CrlUnavailableException(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrlUnavailableException("interrupted");
        }
    }

    private Snapshot verify(byte[] der) throws CrlUnavailableException {
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509", Certificates.BC).generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CrlUnavailableException("not a CRL");
        }
        if (!crl.getIssuerX500Principal().equals(trust.issuingCa().getSubjectX500Principal())) {
            throw new CrlUnavailableException("CRL not issued by the bank's issuing CA");
        }
        try {
            crl.verify(trust.issuingCa().getPublicKey(), Certificates.BC);
        } catch (GeneralSecurityException e) {
            throw new CrlUnavailableException("CRL signature does not verify with the issuing CA key");
        }
        Instant now = clock.instant();
        if (crl.getNextUpdate() == null || !now.isBefore(crl.getNextUpdate().toInstant())) {
            throw new CrlUnavailableException("CRL without nextUpdate or already past it");
        }
        Map<BigInteger, Instant> revoked = new HashMap<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                revoked.put(entry.getSerialNumber(), entry.getRevocationDate().toInstant());
            }
        }
        return new Snapshot(crlNumber(crl), crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(), Map.copyOf(revoked));
    }

    private static BigInteger crlNumber(X509CRL crl) throws CrlUnavailableException {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (extension == null) {
            throw new CrlUnavailableException("CRL without a CRL number");
        }
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
    }
}
