package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.events.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/customers/{customerId}/e-pin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRoles.BRANCH_OFFICER)
public class EPinResource {

    @Inject
    EPinService ePins;

    public record SetEPin(@NotNull @Pattern(regexp = EPin.PATTERN, message = "must be exactly 6 digits") String ePin) {

        /** Never print the e-PIN, whoever logs this record. */
        @Override
        public String toString() {
            return "SetEPin[ePin=***]";
        }
    }

    @PUT
    @Operation(summary = "Set or reset a customer's e-PIN; a reset also lifts a lockout after wrong e-PINs")
    public EPinStatus set(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId,
                          @Valid @NotNull SetEPin request) {
        return ePins.set(customerId, request.ePin());
    }

    @GET
    @Operation(summary = "Whether a customer has an e-PIN and whether it is locked; never the e-PIN")
    public EPinStatus status(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId) {
        return ePins.status(customerId);
    }
}
