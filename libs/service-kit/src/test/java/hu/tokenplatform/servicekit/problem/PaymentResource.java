package hu.tokenplatform.servicekit.problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Endpoints that refuse in every way a service's endpoints do, for {@link ProblemMapperTest}. */
@Path("/test/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PaymentResource {

    public enum Currency { HUF, EUR }

    public record Payee(@NotNull @Pattern(regexp = "[0-9]{8}", message = "must be exactly 8 digits") String account) {
    }

    public record Payment(@NotNull @Pattern(regexp = "[0-9]{8}", message = "must be exactly 8 digits") String account,
                          @NotNull Currency currency,
                          @NotEmpty List<@Valid @NotNull Payee> payees) {
    }

    @GET
    @Path("/closed")
    public String closed() {
        throw PaymentRefusal.ACCOUNT_CLOSED.exception();
    }

    @GET
    @Path("/closed/{account}")
    public String closed(@PathParam("account") @Pattern(regexp = "[0-9]{8}", message = "must be exactly 8 digits") String account) {
        throw PaymentRefusal.ACCOUNT_CLOSED.exception("Account " + account + " is closed.");
    }

    @GET
    @Path("/unsigned")
    public String unsigned() {
        throw PaymentRefusal.SIGNATURE_NOT_ACCEPTED.exception();
    }

    @POST
    public String pay(@Valid @NotNull Payment payment) {
        return "paid";
    }

    @GET
    @Path("/approvals")
    @RolesAllowed("approver")
    public String approvals() {
        return "[]";
    }

    @GET
    @Path("/broken")
    public String broken() {
        throw new IllegalStateException("connection to jdbc:postgresql://db/payments as payments/hunter2 lost");
    }
}
