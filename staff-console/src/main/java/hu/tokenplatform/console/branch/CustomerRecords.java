package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.ServiceRefusedException;
import hu.tokenplatform.events.ContractedService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Finding and registering companies and their users at the branch: the registry decides, the console checks shapes. */
@ApplicationScoped
public class CustomerRecords {

    /** unlock-service's code for a customer whose registration it has not heard of (yet). */
    static final String NOT_KNOWN_TO_UNLOCK_SERVICE = "customer-not-found";

    @Inject
    @RestClient
    RegistryBranchClient registry;

    @Inject
    @RestClient
    EPinClient ePins;

    public Company company(String companyId) {
        String id = BranchInput.companyId(companyId);
        return BranchInput.call(() -> registry.company(id));
    }

    public Company registerCompany(String companyId, String name, List<String> contracts) {
        CompanyRegistration registration = new CompanyRegistration(BranchInput.companyId(companyId),
                BranchInput.name(name), services(contracts));
        return BranchInput.call(() -> registry.registerCompany(registration));
    }

    public BankUser registerUser(String customerId, String name, String companyId, List<String> services,
                                 String signingRight) {
        UserRegistration registration = new UserRegistration(BranchInput.customerId(customerId), BranchInput.name(name),
                BranchInput.companyId(companyId), services(services), BranchInput.ticked(signingRight));
        return BranchInput.call(() -> registry.registerUser(registration));
    }

    /** The user, their tokens (newest first) and their e-PIN's state: what the officer sees before acting. */
    public UserFile user(String customerId) {
        String id = BranchInput.customerId(customerId);
        BankUser user = BranchInput.call(() -> registry.user(id));
        List<UserToken> tokens = BranchInput.call(() -> registry.tokensOf(id));
        return new UserFile(user, tokens, ePinStatus(id));
    }

    /** Null when unlock-service has not heard of the user yet: the registry's event is on its way. */
    private EPinStatus ePinStatus(String customerId) {
        try {
            return BranchInput.call(() -> ePins.status(customerId));
        } catch (ServiceRefusedException e) {
            if (NOT_KNOWN_TO_UNLOCK_SERVICE.equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    /** At least one service, each one the registry knows; a form may send the same box twice. */
    private static Set<ContractedService> services(List<String> chosen) {
        Set<ContractedService> services = EnumSet.noneOf(ContractedService.class);
        for (String name : chosen == null ? List.<String>of() : chosen) {
            services.add(BranchInput.choice(ContractedService.class, name, "invalid-services"));
        }
        if (services.isEmpty()) {
            throw new BranchInputException("invalid-services");
        }
        return services;
    }
}
