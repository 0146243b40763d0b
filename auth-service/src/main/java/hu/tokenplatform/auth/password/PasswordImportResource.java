package hu.tokenplatform.auth.password;

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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Import of the old Electra login's password hashes by operations staff, in batches; only users not yet
 * re-contracted get one. The hashes are stored as they come (bcrypt or PBKDF2, see {@link PasswordHashes}).
 */
@Path("/staff/password-imports")
@RolesAllowed(StaffRoles.OPS)
public class PasswordImportResource {

    @Inject
    PasswordImport passwordImport;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import legacy password hashes (bcrypt or PBKDF2); ops role")
    public ImportResult importHashes(@NotNull @Valid ImportRequest request) {
        return passwordImport.importHashes(request.credentials());
    }
}
