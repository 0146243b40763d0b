package hu.tokenplatform.console.services;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Token propagation: every call to a service carries the signed-in person's own Keycloak access token (from the
 * authorization-code flow, refreshed by quarkus-oidc before it expires), so that the service enforces that
 * person's roles and writes that person into its audit log. The console has no identity of its own towards the
 * services. (Quarkus' {@code quarkus-rest-client-oidc-token-propagation} does the same; its 3.33.2 parent POM is
 * not on the Maven repository this build uses, so this filter stands in for it.)
 */
@ApplicationScoped
public class StaffAccessToken implements ClientRequestFilter {

    @Inject
    SecurityIdentity identity;

    @Override
    public void filter(ClientRequestContext request) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
