package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.unlock.epin.EPin;
import hu.tokenplatform.events.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/caller-verifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRoles.HELPDESK)
public class CallerVerificationResource {

    @Inject
    CallerVerificationService service;

    public record VerifyCaller(
            @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId,
            @NotNull @Pattern(regexp = EPin.PATTERN, message = "must be exactly 6 digits") String ePin) {

        /** Never print the e-PIN, whoever logs this record. */
        @Override
        public String toString() {
            return "VerifyCaller[customerId=" + customerId + ", ePin=***]";
        }
    }

    public record ShowCallerTokens(
            @NotNull @Pattern(regexp = CallerVerifications.ID_PATTERN, message = "must be a verification id") String verificationId) {

        /** Never print the verification id, whoever logs this record. */
        @Override
        public String toString() {
            return "ShowCallerTokens[verificationId=***]";
        }
    }

    @POST
    @ResponseStatus(201)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Verify a caller with customer identifier and e-PIN; the verification id is valid for this agent only, for a short time")
    public Verified verify(@Valid @NotNull VerifyCaller request) {
        return service.verify(request.customerId(), request.ePin());
    }

    /**
     * The verified caller's tokens, for the agent who verified them and while the verification lasts. A POST with
     * the id in the body, not a GET with it in the path, so that the id stays out of access logs.
     */
    @POST
    @Path("/tokens")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "The verified caller's tokens (CSN, state, since), for the agent who verified the caller, while the verification lasts")
    public CallerTokens tokens(@Valid @NotNull ShowCallerTokens request) {
        return service.tokensOf(request.verificationId());
    }
}
