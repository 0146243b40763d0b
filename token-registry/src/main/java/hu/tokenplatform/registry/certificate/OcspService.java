package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import hu.tokenplatform.registry.certificate.ca.OcspResponder;
import hu.tokenplatform.registry.certificate.ca.OcspResponder.Answer;
import hu.tokenplatform.registry.certificate.ca.OcspResponder.IssuedCertificate;
import hu.tokenplatform.registry.certificate.ca.RevocationReason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers OCSP requests from the registry's own database, read when the request arrives: a revocation is in the
 * answers from the moment its transaction commits. Counts answers for operators.
 */
@ApplicationScoped
public class OcspService {

    /** Base64 of the largest request, every character percent-encoded. */
    private static final int MAX_GET_CHARS = (OcspResponder.MAX_REQUEST_BYTES + 2) / 3 * 4 * 3;

    @Inject
    CertificateAuthority ca;

    @Inject
    CrlService crl;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    @Inject
    OcspAnswerGate gate;

    /** A DER OCSPRequest, as POSTed; {@code tryLater} at once while the gate is full. */
    public Answer answer(byte[] request) {
        Optional<OcspAnswerGate.Permit> permit = gate.tryEnter();
        if (permit.isEmpty()) {
            return counted(OcspResponder.busy(clock.instant()));
        }
        try (OcspAnswerGate.Permit entered = permit.get()) {
            return counted(ca.ocspResponder().answer(request, new DatabaseRecords(), clock.instant()));
        }
    }

    /** A request declared larger than any this responder reads: refused without reading it. */
    public Answer refuseOversized() {
        return counted(OcspResponder.oversized(clock.instant()));
    }

    private Answer counted(Answer answer) {
        meters.counter("registry.ocsp.responses", "status", answer.responseStatus()).increment();
        answer.statuses().forEach(status -> meters.counter("registry.ocsp.certificate.statuses", "status",
                status.name().toLowerCase(Locale.ROOT)).increment());
        return answer;
    }

    /**
     * The GET form (RFC 6960, A.1): the URL-encoding of the base64 of the DER request. '+' is taken literally, as
     * the path is not a form; a request that cannot be decoded is answered like any malformed one.
     */
    public Answer answerGet(String urlEncodedBase64) {
        byte[] request;
        try {
            if (urlEncodedBase64.length() > MAX_GET_CHARS) {
                request = new byte[0];
            } else {
                String base64 = URLDecoder.decode(urlEncodedBase64.replace("+", "%2B"), StandardCharsets.US_ASCII);
                request = Base64.getDecoder().decode(base64);
            }
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        return answer(request);
    }

    private final class DatabaseRecords implements OcspResponder.Registry {

        @Override
        public Map<BigInteger, IssuedCertificate> lookup(Set<BigInteger> serials) {
            Map<String, BigInteger> byHex = serials.stream()
                    .collect(Collectors.toMap(CertificateIssuer::serialHex, Function.identity(), (a, b) -> a));
            List<Object[]> rows = em.createQuery("select c.serialNumber, c.status, c.revokedAt, c.revocationReason "
                            + "from Certificate c where c.serialNumber in :serials", Object[].class)
                    .setParameter("serials", byHex.keySet())
                    .getResultList();
            Map<BigInteger, IssuedCertificate> known = new HashMap<>();
            for (Object[] row : rows) {
                boolean revoked = row[1] == Certificate.Status.REVOKED;
                RevocationReason reason = row[3] != null ? (RevocationReason) row[3] : RevocationReason.UNSPECIFIED;
                known.put(byHex.get((String) row[0]), revoked
                        ? new IssuedCertificate(requireRevocationTime((Instant) row[2], (String) row[0]), reason)
                        : new IssuedCertificate(null, null));
            }
            return known;
        }

        @Override
        public Instant nextUpdate() {
            return crl.nextUpdate();
        }

        private static Instant requireRevocationTime(Instant revokedAt, String serial) {
            if (revokedAt == null) {
                throw new IllegalStateException("certificate " + serial + " is revoked without a revocation time");
            }
            return revokedAt;
        }
    }
}
