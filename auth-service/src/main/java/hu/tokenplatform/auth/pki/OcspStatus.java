package hu.tokenplatform.auth.pki;

import java.security.cert.CRLReason;
import java.time.Instant;

/**
 * What token-registry's OCSP responder answered for one certificate, after every check of {@link OcspClient}.
 * Only {@link Good} means "not revoked"; {@link Unknown} means the registry never issued that serial, and a caller
 * that needs a live certificate refuses it like a revoked one.
 */
public sealed interface OcspStatus permits OcspStatus.Good, OcspStatus.Revoked, OcspStatus.Unknown {

    /** When the responder says the status was known to be correct (RFC 6960 thisUpdate). */
    Instant thisUpdate();

    record Good(Instant thisUpdate) implements OcspStatus {
    }

    /** Revoked at {@code revokedAt} (whole seconds) for {@code reason} ({@code UNSPECIFIED} when the answer gives none). */
    record Revoked(Instant thisUpdate, Instant revokedAt, CRLReason reason) implements OcspStatus {
    }

    record Unknown(Instant thisUpdate) implements OcspStatus {
    }
}
