package hu.tokenplatform.registry.token;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventType;
import hu.tokenplatform.events.MalformedEventException;
import hu.tokenplatform.events.data.LoginSucceeded;
import hu.tokenplatform.events.data.UnlockCodeIssued;
import hu.tokenplatform.servicekit.inbox.IdempotentInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * What other services report about tokens: a successful token login activates the token; an unlock Code issued by the
 * helpdesk is recorded and audited, and changes no state (the PIN lock lives on the token). Each event is applied once,
 * however often Kafka delivers it, and only if it comes from the service that owns its topic (the inbox refuses the
 * rest into {@code token-registry.dlq}).
 */
@ApplicationScoped
public class ReportedTokenEvents {

    @Inject
    IdempotentInbox inbox;

    @Inject
    TokenLifecycle lifecycle;

    @Incoming("unlock-events")
    @Blocking
    public void onUnlockEvent(ConsumerRecord<String, String> record) {
        inbox.accept(record, event -> {
            if (event.knownType().orElse(null) == EventType.UNLOCK_CODE_ISSUED) {
                UnlockCodeIssued issued = EventCodec.data(event, UnlockCodeIssued.class);
                Instant issuedAt = issued.issuedAt() != null ? issued.issuedAt() : event.time();
                lifecycle.recordUnlockCode(issued.csn(), issued.customerId(), issuedAt, actorOf(event), event.id());
            }
        });
    }

    /**
     * Every token login is reported; only a token's first one changes its state (ISSUED to ACTIVE; states never go back).
     * The others, and failed logins, are skipped after a read without locks and leave no trace here: at login
     * rates that is most of this topic.
     */
    @Incoming("login-events")
    @Blocking
    public void onLoginEvent(ConsumerRecord<String, String> record) {
        inbox.accept(record, ReportedTokenEvents::changesNoToken, event -> {
            if (event.knownType().orElse(null) == EventType.LOGIN_SUCCEEDED) {
                LoginSucceeded login = EventCodec.data(event, LoginSucceeded.class);
                if (login.csn() != null) {
                    lifecycle.activateReported(login.csn(), event.time(), actorOf(event), event.id());
                }
            }
        });
    }

    /** A failed login, or the login of a token that is already ACTIVE. */
    static boolean changesNoToken(CloudEvent event) {
        if (event.knownType().orElse(null) != EventType.LOGIN_SUCCEEDED) {
            return true;
        }
        String csn;
        try {
            csn = EventCodec.data(event, LoginSucceeded.class).csn();
        } catch (MalformedEventException e) {
            return false; // the inbox logs and skips it
        }
        // The state alone, not the entity: a token loaded here without a lock would make the handler's locking read a
        // mere version check, and a change landing in between would fail a genuine first login.
        return csn == null || Token.getEntityManager()
                .createQuery("select t.state from Token t where t.csn = ?1", TokenState.class).setParameter(1, csn)
                .getResultStream().findFirst().map(state -> state == TokenState.ACTIVE).orElse(false);
    }

    private static String actorOf(CloudEvent event) {
        return event.actor() != null ? event.actor() : "service:" + event.source();
    }
}
