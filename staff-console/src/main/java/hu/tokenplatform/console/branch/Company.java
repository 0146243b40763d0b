package hu.tokenplatform.console.branch;

import hu.tokenplatform.events.ContractedService;

import java.util.List;
import java.util.Set;

/** A company as the registry answers it ({@code GET /companies/{companyId}}): its name and contracted services. */
public record Company(String companyId, String name, Set<ContractedService> contracts) {

    /** The contracted services by name, in a fixed order, for the pages' words. */
    public List<String> contractNames() {
        return contracts.stream().sorted().map(Enum::name).toList();
    }
}
