package hu.tokenplatform.servicekit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The authenticated staff member on whose behalf a request runs: the actor of audit entries and events. */
@RequestScoped
public class CurrentStaff {

    @Inject
    SecurityIdentity identity;

    public String name() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("staff action without an authenticated staff member");
        }
        return identity.getPrincipal().getName();
    }
}
