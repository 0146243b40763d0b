package hu.tokenplatform.events.data;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.util.Set;

/** A corporate user; {@code signingRight} decides whether a signing certificate may be issued. */
public record UserRegistered(
        String customerId,
        String name,
        String companyId,
        String companyName,
        Set<ContractedService> services,
        boolean signingRight) implements EventData {

    @Override
    public EventType type() {
        return EventType.USER_REGISTERED;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
