package hu.tokenplatform.registry.handover;

import hu.tokenplatform.events.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

@Path("/hand-overs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandOverResource {

    @Inject
    HandOverService handOvers;

    @POST
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Hand a token over after personal identification and issue its certificates from the token's CSRs, "
            + "each with the token's attestation that it generated the key")
    public Response handOver(@Valid @NotNull HandOver request) {
        HandOverResult result = handOvers.handOver(request);
        return Response.created(URI.create("/tokens/" + result.csn())).entity(result).build();
    }
}
