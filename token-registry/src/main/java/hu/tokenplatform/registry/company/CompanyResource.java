package hu.tokenplatform.registry.company;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.StaffRoles;
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
import java.util.Set;

@Path("/companies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyResource {

    @Inject
    CompanyService companies;

    public record CompanyView(String companyId, String name, Set<ContractedService> contracts) {

        static CompanyView of(Company company) {
            return new CompanyView(company.companyId, company.name, Set.copyOf(company.contracts));
        }
    }

    @POST
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Register a company with its Electra and/or e-posta contracts")
    public Response register(@Valid @NotNull RegisterCompany request) {
        CompanyView created = CompanyView.of(companies.register(request));
        return Response.created(URI.create("/companies/" + created.companyId())).entity(created).build();
    }

    @GET
    @Path("/{companyId}")
    @RolesAllowed({StaffRoles.BRANCH_OFFICER, StaffRoles.OPS})
    public CompanyView get(@PathParam("companyId") @Pattern(regexp = Company.ID_PATTERN) String companyId) {
        return CompanyView.of(companies.find(companyId));
    }
}
