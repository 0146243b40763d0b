package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.ProblemResponses;
import hu.tokenplatform.console.services.StaffAccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * token-registry's branch API, called with the signed-in officer's own access token: the registry checks the
 * branch-officer role itself and writes the officer into its audit log. Path parameters are checked against
 * their shapes before a call is made (see the branch's use-case classes).
 */
@RegisterRestClient(configKey = "token-registry")
@RegisterProvider(StaffAccessToken.class)
@RegisterProvider(ProblemResponses.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryBranchClient {

    @GET
    @Path("/companies/{companyId}")
    Company company(@PathParam("companyId") String companyId);

    @POST
    @Path("/companies")
    Company registerCompany(CompanyRegistration registration);

    @GET
    @Path("/users/{customerId}")
    BankUser user(@PathParam("customerId") String customerId);

    @POST
    @Path("/users")
    BankUser registerUser(UserRegistration registration);

    @POST
    @Path("/users/{customerId}/re-contracting")
    BankUser reContract(@PathParam("customerId") String customerId, ReContracting reContracting);

    @GET
    @Path("/tokens")
    List<UserToken> tokensOf(@QueryParam("customerId") String customerId);

    @GET
    @Path("/tokens/{csn}/certificates")
    List<IssuedCertificate> certificatesOf(@PathParam("csn") String csn);

    @POST
    @Path("/tokens/{csn}/revocation")
    RevokedToken revoke(@PathParam("csn") String csn, Revocation revocation);

    @POST
    @Path("/tokens/stock")
    StockReceipt receiveStock(StockDelivery delivery);

    @POST
    @Path("/hand-overs")
    HandOverResult handOver(HandOverRequest handOver);
}
