package hu.tokenplatform.auth.revocation;

import hu.tokenplatform.auth.pki.CrlCache;
import hu.tokenplatform.auth.pki.CrlUnavailableException;
import hu.tokenplatform.auth.pki.OcspClient;
import hu.tokenplatform.auth.pki.OcspStatus;
import hu.tokenplatform.auth.pki.OcspUnavailableException;
import hu.tokenplatform.auth.projection.ProjectionReads;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigInteger;

/**
 * Whether a token and its login certificate are still good, asked at every step that hands something out: the
 * token login itself, the end of the login (before the authorization code), the code's redemption (before tokens)
 * and userinfo. The registry projection answers while {@link ProjectionFreshness} shows it current; otherwise the
 * registry's OCSP responder does; if neither can, the answer is {@link Verdict#UNKNOWN} and the caller refuses
 * (fail closed). A revocation the projection already knows counts whichever way the rest is asked.
 * <p>
 * Blocking, and possibly a network call: call it outside any transaction, from a worker thread.
 */
@ApplicationScoped
public class RevocationStatus {

    public enum Verdict {
        GOOD,
        /** Revoked, or unknown to the registry: either way not a live certificate of a live token. */
        REVOKED,
        /** Neither a current projection nor the registry could tell: refuse. */
        UNKNOWN
    }

    @Inject
    ProjectionFreshness freshness;

    @Inject
    ProjectionReads projection;

    @Inject
    OcspClient ocsp;

    @Inject
    CrlCache crl;

    @Inject
    MeterRegistry meters;

    /**
     * @param csn               the token's card serial number
     * @param certificateSerial the login certificate's serial, upper-case hexadecimal as in the projection
     */
    public Verdict of(String csn, String certificateSerial) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("revocation status asked inside a transaction: it may wait on the network");
        }
        // Freshness first, projection after: the projection read below then includes every event the proof covers.
        boolean current = freshness.provenCurrent();
        // Unknown to the projection (neither the token nor this certificate of it) counts as revoked.
        boolean revokedInProjection = projection.revoked(csn, certificateSerial).orElse(true);
        Verdict verdict;
        String source;
        if (revokedInProjection) {
            verdict = Verdict.REVOKED;
            source = "projection";
        } else if (current) {
            verdict = onCrl(certificateSerial);
            source = "projection";
        } else {
            verdict = askRegistry(certificateSerial);
            source = "ocsp";
        }
        meters.counter("auth.revocation.checks", "source", source, "verdict", verdict.name().toLowerCase()).increment();
        return verdict;
    }

    /** The CRL backs the projection up; without a fresh one nobody logs in. */
    private Verdict onCrl(String serial) {
        try {
            return crl.revocationOf(new BigInteger(serial, 16)).isPresent() ? Verdict.REVOKED : Verdict.GOOD;
        } catch (CrlUnavailableException e) {
            return Verdict.UNKNOWN;
        }
    }

    private Verdict askRegistry(String serial) {
        try {
            OcspStatus status = ocsp.status(new BigInteger(serial, 16));
            return status instanceof OcspStatus.Good ? Verdict.GOOD : Verdict.REVOKED;
        } catch (OcspUnavailableException e) {
            return Verdict.UNKNOWN;
        }
    }
}
