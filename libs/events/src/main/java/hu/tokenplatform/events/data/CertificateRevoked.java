package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/** A certificate put on the CRL. */
public record CertificateRevoked(
        String serialNumber,
        String csn,
        String customerId,
        String usage,
        String reason,
        Instant revokedAt) implements EventData {

    @Override
    public EventType type() {
        return EventType.CERTIFICATE_REVOKED;
    }

    @Override
    public String subject() {
        return csn;
    }
}
