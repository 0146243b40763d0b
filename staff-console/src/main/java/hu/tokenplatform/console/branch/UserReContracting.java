package hu.tokenplatform.console.branch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Re-contracting: the user signed the token contract, and their password login ends now, for good (the registry
 * has no way back). Only after the officer confirmed on the page that they said so to the customer.
 */
@ApplicationScoped
public class UserReContracting {

    @Inject
    @RestClient
    RegistryBranchClient registry;

    public BankUser reContract(String customerId, String contractReference, String confirmed) {
        String id = BranchInput.customerId(customerId);
        ReContracting reContracting = new ReContracting(BranchInput.contractReference(contractReference));
        if (!BranchInput.ticked(confirmed)) {
            throw new BranchInputException("confirmation-required");
        }
        return BranchInput.call(() -> registry.reContract(id, reContracting));
    }
}
