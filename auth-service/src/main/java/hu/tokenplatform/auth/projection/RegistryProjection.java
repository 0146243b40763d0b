package hu.tokenplatform.auth.projection;

import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.revocation.ProjectionOffsets;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.events.MalformedEventException;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.events.data.UserPasswordLoginDisabled;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.servicekit.inbox.IdempotentInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;
import java.util.regex.Pattern;

/**
 * Keeps auth-service's own view of users, tokens and certificates from token-registry's events, each event
 * applied once and only if the registry sent it (the inbox refuses the rest into {@code auth-service.dlq}). Events
 * of one token (keyed by CSN) and of one user (keyed by customer identifier) arrive in order; the two topics are not
 * ordered against each other, which the login rules allow for.
 */
@ApplicationScoped
public class RegistryProjection {

    private static final Logger LOG = Logger.getLogger(RegistryProjection.class);
    /**
     * The projection's own worker pool ({@code smallrye.messaging.worker.registry-projection.max-concurrency}): logins
     * waiting on the registry's OCSP responder must not hold back the very catch-up that would spare them the wait.
     */
    static final String PROJECTION_WORKERS = "registry-projection";
    private static final Pattern SERIAL = Pattern.compile("[0-9A-F]{1,64}");

    @Inject
    IdempotentInbox inbox;

    @Inject
    ProjectionOffsets offsets;

    @Inject
    Clock clock;

    @Incoming("registry-users")
    @Blocking(PROJECTION_WORKERS)
    public void onUserEvent(ConsumerRecord<String, String> record) {
        offsets.apply(record, () -> inbox.accept(record, event -> event.knownType().ifPresent(type -> {
            switch (type) {
                case USER_REGISTERED -> userRegistered(EventCodec.data(event, UserRegistered.class));
                case USER_PASSWORD_LOGIN_DISABLED -> passwordLoginDisabled(EventCodec.data(event, UserPasswordLoginDisabled.class));
                default -> LOG.debugf("Event type %s is not projected", type.typeName());
            }
        })));
    }

    @Incoming("registry-tokens")
    @Blocking(PROJECTION_WORKERS)
    public void onTokenEvent(ConsumerRecord<String, String> record) {
        offsets.apply(record, () -> inbox.accept(record, event -> event.knownType().ifPresent(type -> {
            switch (type) {
                case TOKEN_HANDED_OVER -> tokenHandedOver(EventCodec.data(event, TokenHandedOver.class));
                case TOKEN_REVOKED -> revocation(() -> tokenRevoked(EventCodec.data(event, TokenRevoked.class), event));
                case CERTIFICATE_ISSUED -> certificateIssued(EventCodec.data(event, CertificateIssued.class));
                case CERTIFICATE_REVOKED -> revocation(() -> certificateRevoked(EventCodec.data(event, CertificateRevoked.class), event));
                default -> LOG.debugf("Event type %s is not projected", type.typeName());
            }
        })));
    }

    /**
     * A revocation that cannot be read is never skipped like other malformed events: its partition is held (the
     * record is retried) so that the projection cannot be shown current without it, and logins ask the registry.
     */
    private static void revocation(Runnable apply) {
        try {
            apply.run();
        } catch (MalformedEventException e) {
            LOG.errorf("A revocation event cannot be read (%s): its partition is held and logins ask the registry's OCSP "
                    + "responder until it is fixed", e.getMessage());
            throw new IllegalStateException("unreadable revocation event", e);
        }
    }

    private void userRegistered(UserRegistered data) {
        require(data.customerId(), Identifiers.CUSTOMER_ID, "customerId");
        if (data.name() == null || data.companyId() == null || data.companyName() == null) {
            throw new MalformedEventException("user.registered without name or company");
        }
        BankUser user = BankUser.<BankUser>findByIdOptional(data.customerId()).orElseGet(BankUser::new);
        user.customerId = data.customerId();
        user.name = data.name();
        user.companyId = data.companyId();
        user.companyName = data.companyName();
        user.services = data.services() == null || data.services().isEmpty()
                ? EnumSet.noneOf(ContractedService.class) : EnumSet.copyOf(data.services());
        user.signingRight = data.signingRight();
        user.updatedAt = clock.instant();
        user.persist();
    }

    private void passwordLoginDisabled(UserPasswordLoginDisabled data) {
        require(data.customerId(), Identifiers.CUSTOMER_ID, "customerId");
        if (data.effectiveAt() == null) {
            throw new MalformedEventException("user.password-login-disabled without effectiveAt");
        }
        Recontracting recontracting = Recontracting.<Recontracting>findByIdOptional(data.customerId())
                .orElseGet(Recontracting::new);
        // Re-contracting is for good: a later or repeated event can only bring the date forward.
        if (recontracting.effectiveAt == null || data.effectiveAt().isBefore(recontracting.effectiveAt)) {
            recontracting.customerId = data.customerId();
            recontracting.effectiveAt = data.effectiveAt();
            recontracting.contractReference = data.contractReference();
            recontracting.persist();
        }
    }

    private void tokenHandedOver(TokenHandedOver data) {
        require(data.csn(), Identifiers.CSN, "csn");
        require(data.customerId(), Identifiers.CUSTOMER_ID, "customerId");
        Token token = Token.<Token>findByIdOptional(data.csn()).orElseGet(Token::new);
        if (token.csn != null && !token.customerId.equals(data.customerId())) {
            LOG.warnf("Token %s handed over again to another customer; keeping the first owner", data.csn());
            return;
        }
        token.csn = data.csn();
        token.customerId = data.customerId();
        token.handedOverAt = data.handedOverAt();
        token.persist();
    }

    private void tokenRevoked(TokenRevoked data, CloudEvent event) {
        require(data.csn(), Identifiers.CSN, "csn");
        require(data.customerId(), Identifiers.CUSTOMER_ID, "customerId");
        Token token = Token.<Token>findByIdOptional(data.csn()).orElseGet(() -> {
            Token unknown = new Token();
            unknown.csn = data.csn();
            unknown.customerId = data.customerId();
            return unknown;
        });
        if (token.revokedAt == null) {
            token.revokedAt = data.revokedAt() != null ? data.revokedAt() : event.time();
            token.revocationReason = data.reason();
            token.persist();
        }
    }

    private void certificateIssued(CertificateIssued data) {
        require(data.csn(), Identifiers.CSN, "csn");
        require(data.customerId(), Identifiers.CUSTOMER_ID, "customerId");
        require(data.serialNumber(), SERIAL, "serialNumber");
        TokenCertificate.Usage usage = usage(data.usage());
        X509Certificate certificate;
        try {
            certificate = Certificates.parsePem(data.certificatePem());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("certificate.issued with an unreadable certificate");
        }
        String fingerprint = Certificates.sha256Fingerprint(certificate);
        if (!fingerprint.equalsIgnoreCase(String.valueOf(data.sha256Fingerprint()))
                || !Certificates.serialHex(certificate).equals(data.serialNumber())) {
            throw new MalformedEventException("certificate.issued whose fingerprint or serial does not match its PEM");
        }
        if (TokenCertificate.findByIdOptional(fingerprint).isPresent()) {
            return;
        }
        TokenCertificate projected = new TokenCertificate();
        projected.sha256Fingerprint = fingerprint;
        projected.serialNumber = data.serialNumber();
        projected.csn = data.csn();
        projected.customerId = data.customerId();
        projected.usage = usage;
        projected.notBefore = certificate.getNotBefore().toInstant();
        projected.notAfter = certificate.getNotAfter().toInstant();
        projected.persist();
    }

    /** A revocation of a certificate we never saw needs no record: an unknown certificate is refused anyway. */
    private void certificateRevoked(CertificateRevoked data, CloudEvent event) {
        require(data.serialNumber(), SERIAL, "serialNumber");
        TokenCertificate.bySerialNumber(data.serialNumber()).ifPresentOrElse(certificate -> {
            if (certificate.revokedAt == null) {
                certificate.revokedAt = data.revokedAt() != null ? data.revokedAt() : event.time();
                certificate.revocationReason = data.reason();
            }
        }, () -> LOG.infof("Revocation of certificate %s that was never projected", data.serialNumber()));
    }

    private static TokenCertificate.Usage usage(String usage) {
        try {
            return TokenCertificate.Usage.valueOf(String.valueOf(usage));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("unknown certificate usage");
        }
    }

    private static void require(String value, Pattern pattern, String field) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new MalformedEventException("malformed " + field);
        }
    }
}
