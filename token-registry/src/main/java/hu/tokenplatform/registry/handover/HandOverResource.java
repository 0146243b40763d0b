package hu.tokenplatform.registry.handover;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.registry.certificate.CertificateResourceViews.CertificateView;
import hu.tokenplatform.servicekit.security.StaffRoles;
import hu.tokenplatform.registry.token.TokenResource;
import hu.tokenplatform.registry.token.TokenState;
import hu.tokenplatform.registry.user.UserResource;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

@Path("/hand-overs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandOverResource {

    static final int MAX_CSR_CHARS = 16_384;

    @Inject
    HandOverService handOvers;

    /** How the officer identified the person standing at the counter. */
    public record Identification(
            @NotNull IdentityDocumentType documentType,
            @NotNull @Pattern(regexp = "[A-Z0-9]{6,20}", message = "must be 6 to 20 upper-case letters or digits") String documentNumber) {
    }

    /**
     * A hand-over at contract signing or renewal.
     *
     * @param loginAttestation   the token's statement that it generated the login CSR's key (docs/key-attestation.md);
     *                           without it no certificate (422 attestation-required, checked by the service so that
     *                           the refusal names it)
     * @param signingCsr         required exactly when the user holds a signing right
     * @param signingAttestation the token's statement for the signing CSR's key, required with it
     * @param replacesCsn        the user's current live token, which this hand-over replaces and revokes
     */
    public record HandOver(
            @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId,
            @NotNull @Pattern(regexp = Identifiers.CSN_REGEX) String csn,
            @NotNull(message = "personal identification is required before a token is handed over") @Valid Identification identification,
            @NotNull @Pattern(regexp = "[A-Z0-9-]{2,20}") String branch,
            @NotBlank @Size(max = MAX_CSR_CHARS) String loginCsr,
            KeyAttestationStatement loginAttestation,
            @Size(max = MAX_CSR_CHARS) String signingCsr,
            KeyAttestationStatement signingAttestation,
            @Pattern(regexp = Identifiers.CSN_REGEX) String replacesCsn) {
    }

    public record HandOverResult(String csn, String customerId, TokenState state, List<CertificateView> certificates,
                                 String caChainPem) {
    }

    @POST
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Hand a token over after personal identification and issue its certificates from the token's CSRs, "
            + "each with the token's attestation that it generated the key")
    public Response handOver(@Valid @NotNull HandOver request) {
        HandOverResult result = handOvers.handOver(request);
        return Response.created(URI.create("/tokens/" + result.csn())).entity(result).build();
    }
}
