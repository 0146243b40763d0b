package hu.tokenplatform.console.branch;

import hu.tokenplatform.events.ContractedService;

import java.util.Set;

/** The registry's {@code POST /users} body: the services the user may use and whether they may sign. */
public record UserRegistration(String customerId, String name, String companyId, Set<ContractedService> services,
                               boolean signingRight) {
}
