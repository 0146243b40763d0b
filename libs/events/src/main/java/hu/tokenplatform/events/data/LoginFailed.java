package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.time.Instant;

/**
 * Published by auth-service when a login is refused. Carries who and what as far as known, never the
 * signature, challenge, password or PIN, nor the caller's address.
 *
 * @param customerId the user the login was for: the token certificate's owner, or the customer identifier typed
 *                   for a password login; null when nobody can be named
 * @param csn        the token's CSN for token logins whose certificate is known, else null
 * @param client     the OIDC client the login was for ({@code electra}, {@code e-posta}), null if unknown
 * @param method     {@code TOKEN} or {@code PASSWORD}
 * @param reason     auth-service's stable refusal code, e.g. {@code certificate-revoked}
 */
public record LoginFailed(
        String customerId,
        String csn,
        String client,
        String method,
        String reason,
        Instant at) implements EventData {

    /** Kafka key of failures that name no user, so that they still land on one partition of their own. */
    public static final String UNKNOWN_SUBJECT = "unknown";

    @Override
    public EventType type() {
        return EventType.LOGIN_FAILED;
    }

    @Override
    public String subject() {
        return customerId != null ? customerId : UNKNOWN_SUBJECT;
    }
}
