package hu.tokenplatform.unlock.code;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.events.StaffRoles;
import hu.tokenplatform.unlock.verification.CallerVerifications;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseHeader;

@Path("/unlock-codes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRoles.HELPDESK)
public class UnlockCodeResource {

    /** Random as the token shows it: 10 digits, in groups separated by single spaces or dashes as people dictate them. */
    public static final String RANDOM_PATTERN = "([0-9][ -]?){9}[0-9]";

    @Inject
    UnlockCodeService service;

    public record UnlockCodeRequest(
            @NotNull @Pattern(regexp = CallerVerifications.ID_PATTERN, message = "must be a verification id") String verificationId,
            @NotNull @Pattern(regexp = Identifiers.CSN_REGEX, message = "must be 8 to 16 upper-case hexadecimal characters") String csn,
            @NotNull @Pattern(regexp = RANDOM_PATTERN, message = "must be the 10 digits the token shows") String random,
            @Size(max = UnlockCodeService.MAX_REASON_LENGTH) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must be text on one line") String reason) {

        /** Never print the verification id, whoever logs this record. */
        @Override
        public String toString() {
            return "UnlockCodeRequest[csn=" + csn + ", random=" + random + "]";
        }
    }

    @POST
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "The unlock code for a verified caller's token: CSN and Random as the caller reads them out, "
            + "and optionally the agent's reason, kept in the audit entry")
    public IssuedCode issue(@Valid @NotNull UnlockCodeRequest request) {
        return service.issue(request.verificationId(), request.csn(), request.random(), request.reason());
    }
}
