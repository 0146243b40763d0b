package hu.tokenplatform.console.branch;

import hu.tokenplatform.events.ContractedService;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A corporate user as the registry answers it ({@code GET /users/{customerId}}). {@code passwordLoginEnabled} is
 * false from the re-contracting on, for good.
 */
public record BankUser(String customerId, String name, String companyId, Set<ContractedService> services,
                       boolean signingRight, boolean passwordLoginEnabled, Instant recontractedAt,
                       String recontractedBy, String contractReference) {

    /** The user's services by name, in a fixed order, for the pages' words. */
    public List<String> serviceNames() {
        return services.stream().sorted().map(Enum::name).toList();
    }
}
