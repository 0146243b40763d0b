package hu.tokenplatform.registry.user;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.StaffRoles;
import hu.tokenplatform.registry.lookup.StaffLookups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    /** The reference of the new contract signed at re-contracting, as the branch files it. */
    public static final String CONTRACT_REFERENCE_PATTERN = "[A-Za-z0-9/_-]{1,40}";

    @Inject
    UserService users;

    @Inject
    StaffLookups lookups;

    public record Recontract(@NotNull @Pattern(regexp = CONTRACT_REFERENCE_PATTERN) String contractReference) {
    }

    public record UserView(String customerId, String name, String companyId, Set<ContractedService> services,
                           boolean signingRight, boolean passwordLoginEnabled, Instant recontractedAt,
                           String recontractedBy, String contractReference) {

        static UserView of(BankUser user) {
            return new UserView(user.customerId, user.name, user.company.companyId, Set.copyOf(user.services),
                    user.signingRight, user.recontractedAt == null, user.recontractedAt, user.recontractedBy,
                    user.contractReference);
        }
    }

    @POST
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Register a corporate user of a company")
    public Response register(@Valid @NotNull RegisterUser request) {
        UserView created = UserView.of(users.register(request));
        return Response.created(URI.create("/users/" + created.customerId())).entity(created).build();
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({StaffRoles.BRANCH_OFFICER, StaffRoles.OPS})
    public UserView get(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX) String customerId) {
        return lookups.user(customerId, UserView::of);
    }

    @POST
    @Path("/{customerId}/re-contracting")
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Record re-contracting: the user's username/password login stops working from now on, for good")
    public UserView recontract(@PathParam("customerId") @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX) String customerId,
                               @Valid @NotNull Recontract request) {
        return UserView.of(users.recontract(customerId, request.contractReference()));
    }
}
