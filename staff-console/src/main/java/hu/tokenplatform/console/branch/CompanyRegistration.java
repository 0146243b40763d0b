package hu.tokenplatform.console.branch;

import hu.tokenplatform.events.ContractedService;

import java.util.Set;

/** The registry's {@code POST /companies} body. */
public record CompanyRegistration(String companyId, String name, Set<ContractedService> contracts) {
}
