package hu.tokenplatform.auth.login;

import hu.tokenplatform.servicekit.problem.Problem;
import hu.tokenplatform.servicekit.problem.Refusal;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /login/v1/transactions/{transactionId}} on the browser-facing listener, for Token Manager: which
 * registered client a pending login transaction is for, under which name, bound to which origin. Anything but a
 * pending, unexpired transaction, a malformed id included, is the same {@code 404 login-transaction-unknown}.
 * Never cached.
 */
@Path(PendingLogin.PATH)
public class PendingLoginResource {

    @Inject
    PendingLogins pendingLogins;

    @GET
    @Path("{transactionId}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "For Token Manager before it asks the PIN: the registered client and origin of a pending login transaction")
    public Response describe(@PathParam("transactionId") String transactionId) {
        Response.ResponseBuilder answer = pendingLogins.describe(transactionId)
                .map(login -> Response.ok(login, MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(() -> refused(LoginRefusal.LOGIN_TRANSACTION_UNKNOWN));
        return answer.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    }

    /** Answered here rather than thrown, so that a refusal carries the same headers as a description. */
    private static Response.ResponseBuilder refused(Refusal refusal) {
        return Response.status(refusal.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(refusal));
    }
}
