package hu.tokenplatform.console.audit;

import hu.tokenplatform.console.services.ProblemResponses;
import hu.tokenplatform.console.services.StaffAccessToken;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-registry's audit log, read with the signed-in auditor's own access token. */
@RegisterRestClient(configKey = "token-registry")
@RegisterProvider(StaffAccessToken.class)
@RegisterProvider(ProblemResponses.class)
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryAuditClient extends AuditLogApi {
}
