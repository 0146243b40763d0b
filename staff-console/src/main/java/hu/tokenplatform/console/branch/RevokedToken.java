package hu.tokenplatform.console.branch;

import java.time.Instant;

/**
 * The registry's answer to a revocation. {@code servicesInformed} false means the broker had not confirmed the
 * announcement in time: the revocation stands, auth-service and unlock-service hear of it once the broker is back,
 * and auth-service meanwhile asks the registry's OCSP responder.
 */
public record RevokedToken(String csn, String state, String ownerCustomerId, Instant revokedAt,
                           String revocationReason, boolean servicesInformed) {
}
