package hu.tokenplatform.auth.password;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.servicekit.security.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Import of the old Electra login's password hashes by operations staff, in batches; only users not yet
 * re-contracted get one. The hashes are stored as they come (bcrypt or PBKDF2, see {@link PasswordHashes}).
 */
@Path("/staff/password-imports")
@RolesAllowed(StaffRoles.OPS)
public class PasswordImportResource {

    public static final int MAX_BATCH = 1000;

    public record Credential(@NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX) String customerId,
                             @NotNull @Size(max = 300) String passwordHash) {

        @Override
        public String toString() {
            return "Credential[customerId=" + customerId + "]";
        }
    }

    public record ImportRequest(@NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid Credential> credentials) {
    }

    /**
     * @param imported    customer identifiers whose hash is now stored (new or replaced)
     * @param recontracted customer identifiers skipped because they were re-contracted: password login is off for them
     */
    public record ImportResult(List<String> imported, List<String> recontracted) {
    }

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
