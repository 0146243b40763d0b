package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** A certificate issued for the key pair on a token. The PEM is public data. */
public record CertificateIssued(
        String serialNumber,
        String csn,
        String customerId,
        String usage,
        String subjectDn,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        String certificatePem) implements EventData {

    @Override
    public EventType type() {
        return EventType.CERTIFICATE_ISSUED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
