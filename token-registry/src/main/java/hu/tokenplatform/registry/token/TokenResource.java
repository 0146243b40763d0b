package hu.tokenplatform.registry.token;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.registry.certificate.CertificateView;
import hu.tokenplatform.registry.config.RegistryConfig;
import hu.tokenplatform.registry.lookup.StaffLookups;
import hu.tokenplatform.servicekit.outbox.OutboxRelay;
import hu.tokenplatform.events.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** The manufacturer's reference of a delivery, as on its delivery note. */
    public static final String REFERENCE_PATTERN = "[A-Za-z0-9/_.-]{1,64}";
    public static final int MAX_CSNS_PER_DELIVERY = 5_000;

    @Inject
    TokenStockService stock;

    @Inject
    StaffLookups lookups;

    @Inject
    TokenRevocationService revocation;

    @Inject
    OutboxRelay relay;

    @Inject
    RegistryConfig config;

    public record StockDelivery(
            @NotNull @Pattern(regexp = REFERENCE_PATTERN) String deliveryReference,
            @NotNull @Pattern(regexp = "[A-Za-z0-9 ._-]{1,64}") String model,
            @NotEmpty @Size(max = MAX_CSNS_PER_DELIVERY) List<@NotNull @Pattern(regexp = Identifiers.CSN_REGEX) String> csns) {
    }

    public record Revocation(@NotNull TokenRevocationReason reason) {
    }

    /** @param lastUnlockCodeAt when the helpdesk last issued an unlock Code for the token; it changes no state */
    public record TokenView(String csn, String model, TokenState state, String ownerCustomerId, Instant stateChangedAt,
                            Instant handedOverAt, Instant revokedAt, TokenRevocationReason revocationReason,
                            Instant lastUnlockCodeAt) {

        public static TokenView of(Token token) {
            return new TokenView(token.csn, token.model, token.state,
                    token.owner == null ? null : token.owner.customerId, token.stateChangedAt, token.handedOverAt,
                    token.revokedAt, token.revocationReason, token.lastUnlockCodeAt);
        }
    }

    @POST
    @Path("/stock")
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Take a manufacturer delivery of tokens into stock (idempotent)")
    public TokenStockService.ImportResult importStock(@Valid @NotNull StockDelivery delivery) {
        return stock.importDelivery(delivery.deliveryReference(), delivery.model(), delivery.csns());
    }

    @GET
    @RolesAllowed({StaffRoles.BRANCH_OFFICER, StaffRoles.OPS})
    @Operation(summary = "Tokens of one user, newest first")
    public List<TokenView> ofUser(@QueryParam("customerId") @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX) String customerId) {
        return lookups.tokensOf(customerId, TokenView::of);
    }

    @GET
    @Path("/{csn}")
    @RolesAllowed({StaffRoles.BRANCH_OFFICER, StaffRoles.OPS})
    public TokenView get(@PathParam("csn") @Pattern(regexp = Identifiers.CSN_REGEX) String csn) {
        return lookups.token(csn, TokenView::of);
    }

    /**
     * The revoked token, and whether its revocation is already on Kafka for auth-service and unlock-service. False
     * means the broker did not acknowledge it within {@code registry.revocation.announce-within}: the revocation
     * stands and is published as soon as the broker is back, and auth-service, unable to show its projection
     * current meanwhile, asks this registry's OCSP responder instead.
     */
    public record RevocationView(@JsonUnwrapped TokenView token, boolean servicesInformed) {
    }

    @GET
    @Path("/{csn}/certificates")
    @RolesAllowed({StaffRoles.BRANCH_OFFICER, StaffRoles.OPS})
    public List<CertificateView> certificates(@PathParam("csn") @Pattern(regexp = Identifiers.CSN_REGEX) String csn) {
        return lookups.certificatesOf(csn, CertificateView::of);
    }

    @POST
    @Path("/{csn}/revocation")
    @RolesAllowed(StaffRoles.BRANCH_OFFICER)
    @Operation(summary = "Revoke a token (lost, stolen, returned) and all its certificates; REPLACED only through a replacement hand-over")
    public RevocationView revoke(@PathParam("csn") @Pattern(regexp = Identifiers.CSN_REGEX) String csn,
                                 @Valid @NotNull Revocation request) {
        TokenView revoked = TokenView.of(revocation.revoke(csn, request.reason()));
        return new RevocationView(revoked, relay.awaitPublishedSoFar(config.revocation().announceWithin()));
    }
}
