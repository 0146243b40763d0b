package hu.tokenplatform.unlock.projection;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventType;
import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.servicekit.inbox.IdempotentInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/**
 * Keeps this service's copy of what the registry knows about customers and their tokens, which the unlock decides
 * on. Only the registry's own events count (the inbox refuses the rest into {@code unlock-service.dlq}); each is
 * applied once however often Kafka delivers it; a token's events arrive in order, as the registry keys them by CSN.
 * REVOKED never changes again. The tokens' certificates are kept too, for the helpdesk agent to see.
 */
@ApplicationScoped
public class RegistryProjection {

    private static final Logger LOG = Logger.getLogger(RegistryProjection.class);
    private static final Set<String> CERTIFICATE_USAGES = Set.of("LOGIN", "SIGNING");

    @Inject
    IdempotentInbox inbox;

    @Incoming("registry-users")
    @Blocking
    public void onUserEvent(ConsumerRecord<String, String> record) {
        inbox.accept(record, event -> {
            // Companies and re-contracting are nothing the unlock decides on.
            if (event.knownType().orElse(null) == EventType.USER_REGISTERED) {
                register(EventCodec.data(event, UserRegistered.class), event);
            }
        });
    }

    @Incoming("registry-tokens")
    @Blocking
    public void onTokenEvent(ConsumerRecord<String, String> record) {
        inbox.accept(record, event -> {
            EventType type = event.knownType().orElse(null);
            if (type == EventType.TOKEN_HANDED_OVER) {
                handOver(EventCodec.data(event, TokenHandedOver.class), event);
            } else if (type == EventType.TOKEN_ACTIVATED) {
                move(EventCodec.data(event, TokenActivated.class).csn(), TokenState.ACTIVE, event);
            } else if (type == EventType.TOKEN_REVOKED) {
                move(EventCodec.data(event, TokenRevoked.class).csn(), TokenState.REVOKED, event);
            } else if (type == EventType.CERTIFICATE_ISSUED) {
                issued(EventCodec.data(event, CertificateIssued.class));
            } else if (type == EventType.CERTIFICATE_REVOKED) {
                revoked(EventCodec.data(event, CertificateRevoked.class));
            }
            // Stock deliveries are nothing the helpdesk needs; certificates it shows, never decides on.
        });
    }

    private static void register(UserRegistered user, CloudEvent event) {
        Customer customer = Customer.<Customer>findByIdOptional(user.customerId()).orElseGet(() -> {
            Customer registered = new Customer();
            registered.customerId = user.customerId();
            registered.registeredAt = event.time();
            return registered;
        });
        customer.companyId = user.companyId();
        customer.persist();
    }

    private static void handOver(TokenHandedOver handedOver, CloudEvent event) {
        Optional<Token> known = Token.findByIdOptional(handedOver.csn());
        if (known.isPresent() && known.get().state == TokenState.REVOKED) {
            LOG.warnf("Event %s hands over token %s, which is revoked; ignored", event.id(), handedOver.csn());
            return;
        }
        if (known.isPresent() && !known.get().customerId.equals(handedOver.customerId())) {
            // The registry hands a CSN over once (only from stock); a second owner would let a caller unlock a
            // token that is not theirs, so the first owner stands, as in auth-service's projection.
            LOG.warnf("Event %s hands token %s over to another customer; keeping the first owner", event.id(), handedOver.csn());
            return;
        }
        Token token = known.orElseGet(() -> {
            Token first = new Token();
            first.csn = handedOver.csn();
            return first;
        });
        token.customerId = handedOver.customerId();
        token.state = TokenState.ISSUED;
        token.stateChangedAt = event.time();
        token.persist();
    }

    /** Kept for the agent to see; the usage and the CSN's shape are checked, as the table's constraints would. */
    private static void issued(CertificateIssued certificate) {
        if (!Identifiers.isCsn(certificate.csn()) || !CERTIFICATE_USAGES.contains(certificate.usage())
                || certificate.serialNumber() == null || certificate.serialNumber().length() > 64 || certificate.notAfter() == null) {
            LOG.warnf("A certificate.issued event for token %s is malformed; ignored", certificate.csn());
            return;
        }
        if (TokenCertificate.findByIdOptional(certificate.serialNumber()).isPresent()) {
            return;
        }
        TokenCertificate kept = new TokenCertificate();
        kept.serialNumber = certificate.serialNumber();
        kept.csn = certificate.csn();
        kept.usage = certificate.usage();
        kept.notAfter = certificate.notAfter();
        kept.persist();
    }

    /** Revoked is final; a revocation that arrives before its issue (it cannot, per CSN order) changes nothing. */
    private static void revoked(CertificateRevoked certificate) {
        TokenCertificate.<TokenCertificate>findByIdOptional(certificate.serialNumber()).ifPresent(kept -> kept.revoked = true);
    }

    private static void move(String csn, TokenState next, CloudEvent event) {
        Optional<Token> known = Token.findByIdOptional(csn);
        if (known.isEmpty()) {
            LOG.infof("Event %s moves token %s, which was never handed over; ignored", event.id(), csn);
            return;
        }
        Token token = known.get();
        if (token.state == TokenState.REVOKED) {
            return;
        }
        token.state = next;
        token.stateChangedAt = event.time();
    }
}
