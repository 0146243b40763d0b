package hu.tokenplatform.console.branch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Revoking a token that is lost, stolen or returned: it and its certificates stop working for good. Only after the
 * officer confirmed it on the page.
 */
@ApplicationScoped
public class TokenRevocation {

    @Inject
    @RestClient
    RegistryBranchClient registry;

    public RevokedToken revoke(String csn, String reason, String confirmed) {
        String token = BranchInput.csn(csn);
        Revocation revocation = new Revocation(BranchInput.choice(RevocationReason.class, reason, "invalid-revocation-reason"));
        if (!BranchInput.ticked(confirmed)) {
            throw new BranchInputException("confirmation-required");
        }
        return BranchInput.call(() -> registry.revoke(token, revocation));
    }
}
