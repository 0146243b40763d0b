package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.ProblemResponses;
import hu.tokenplatform.console.services.StaffAccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** unlock-service's e-PIN API for the branch, called with the officer's own access token. */
@RegisterRestClient(configKey = "unlock-service")
@RegisterProvider(StaffAccessToken.class)
@RegisterProvider(ProblemResponses.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Path("/customers/{customerId}/e-pin")
public interface EPinClient {

    @GET
    EPinStatus status(@PathParam("customerId") String customerId);

    /** Sets or resets the e-PIN; a reset also lifts a lockout after wrong e-PINs. */
    @PUT
    EPinStatus set(@PathParam("customerId") String customerId, EPinChange change);
}
