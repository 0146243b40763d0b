package hu.tokenplatform.console.helpdesk;

import hu.tokenplatform.console.services.ProblemResponses;
import hu.tokenplatform.console.services.StaffAccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * unlock-service's helpdesk API, called with the signed-in agent's own access token: the service checks the
 * helpdesk role itself and binds the verification to this agent.
 */
@RegisterRestClient(configKey = "unlock-service")
@RegisterProvider(StaffAccessToken.class)
@RegisterProvider(ProblemResponses.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface UnlockServiceClient {

    @POST
    @Path("/caller-verifications")
    CallerVerification verifyCaller(CallerVerificationRequest request);

    @POST
    @Path("/caller-verifications/tokens")
    CallerTokens callerTokens(ShowCallerTokens request);

    @POST
    @Path("/unlock-codes")
    UnlockCode unlockCode(UnlockCodeRequest request);
}
