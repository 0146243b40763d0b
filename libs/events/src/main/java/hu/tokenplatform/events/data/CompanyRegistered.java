package hu.tokenplatform.events.data;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.util.Set;

/** A company with its Electra and/or e-posta contracts. */
public record CompanyRegistered(
        String companyId,
        String name,
        Set<ContractedService> contracts) implements EventData {

    @Override
    public EventType type() {
        return EventType.COMPANY_REGISTERED;
    }

    @Override
    public String subject() {
        return companyId;
    }
}
