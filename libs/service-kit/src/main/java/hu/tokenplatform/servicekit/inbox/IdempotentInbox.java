package hu.tokenplatform.servicekit.inbox;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Applies each consumed event at most once: the event id is recorded in the same transaction as its effect,
 * so a redelivery after a crash or a rebalance changes nothing. Records that are not events of our catalogue
 * are logged (without their content) and skipped rather than blocking the partition.
 */
@ApplicationScoped
public class IdempotentInbox {

    private static final Logger LOG = Logger.getLogger(IdempotentInbox.class);

    @Inject
    Clock clock;

    @Transactional
    public void accept(String record, Consumer<CloudEvent> handler) {
        CloudEvent event;
        try {
            event = EventCodec.read(record);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping a record that is not a readable event: %s", e.getMessage());
            return;
        }
        if (ProcessedEvent.findById(event.id()) != null) {
            LOG.debugf("Event %s already processed; ignored", event.id());
            return;
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.eventType = event.type();
        processed.processedAt = clock.instant();
        processed.persist();
        try {
            handler.accept(event);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping event %s of type %s: %s", event.id(), event.type(), e.getMessage());
        }
    }
}
