package hu.tokenplatform.servicekit.outbox;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Appends events to the outbox inside the caller's transaction: no state change commits without its event. */
@ApplicationScoped
public class EventOutbox {

    private final EventCodec codec;
    private final Clock clock;

    @Inject
    public EventOutbox(EventsConfig config, Clock clock) {
        this.codec = new EventCodec(config.source(), clock);
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(EventData data, String actor) {
        CloudEvent event = codec.create(data, actor);
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.eventType = event.type();
        row.topic = data.type().topic();
        row.messageKey = data.subject();
        row.payload = EventCodec.write(event);
        row.createdAt = clock.instant();
        row.persist();
        return event;
    }
}
