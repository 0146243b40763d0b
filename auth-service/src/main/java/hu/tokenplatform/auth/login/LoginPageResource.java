package hu.tokenplatform.auth.login;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.password.PasswordLoginService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.RoutingContext;
import jakarta.persistence.LockModeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** The login page's own form posts: finishing a token login, or a password login, in the browser session that started it. */
@Path("/login")
public class LoginPageResource {

    @Inject
    LoginTransactions transactions;

    @Inject
    BrowserSession sessions;

    @Inject
    LoginPage page;

    @Inject
    AuthConfig config;

    @Inject
    PasswordLoginService passwords;

    @Inject
    BrowserAddress addresses;

    @POST
    @Path("/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Finishes a login the token authenticated: redirects to the client with the authorization code")
    public Response complete(@FormParam("transaction") String transactionId, @FormParam("lang") String lang,
                             @Context HttpHeaders headers) {
        String language = LoginPage.LANGUAGES.contains(lang) ? lang : "hu";
        Optional<String> session = sessions.current(headers);
        if (session.isEmpty()) {
            return failed(language, LoginRefusal.LOGIN_TRANSACTION_UNKNOWN);
        }
        try {
            return redirect(transactions.complete(transactionId, BrowserSession.hash(session.get())));
        } catch (LoginRefusedException e) {
            return failed(language, e.refusal());
        }
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Legacy password login (only before re-contracting): redirects to the client with the authorization code")
    public Response password(@FormParam("transaction") String transactionId, @FormParam("lang") String lang,
                             @FormParam("customerId") String customerId, @FormParam("password") String password,
                             @Context HttpHeaders headers, @Context RoutingContext routing) {
        String language = LoginPage.LANGUAGES.contains(lang) ? lang : "hu";
        Optional<String> session = sessions.current(headers);
        if (session.isEmpty()) {
            return failed(language, LoginRefusal.LOGIN_TRANSACTION_UNKNOWN);
        }
        byte[] sessionHash = BrowserSession.hash(session.get());
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            return redirect(passwords.logIn(transactionId, sessionHash, customerId, secret, addresses.of(routing.request())));
        } catch (LoginRefusedException e) {
            Optional<LoginTransaction> pending = QuarkusTransaction.requiringNew().call(() ->
                    transactions.ofSession(transactionId, sessionHash, LockModeType.NONE))
                    .filter(t -> t.status == LoginTransaction.Status.PENDING);
            if (pending.isEmpty()) {
                return failed(language, e.refusal());
            }
            return page.page(pending.get(), language, null, notice(LoginPage.messages(language), e.refusal()), e.refusal().status());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static String notice(LoginMessages text, LoginRefusal refusal) {
        return switch (refusal) {
            case PASSWORD_LOGIN_DISABLED -> text.passwordLoginDisabled();
            case ACCOUNT_LOCKED -> text.accountLocked();
            case RATE_LIMITED -> text.rateLimited();
            case SERVICE_NOT_CONTRACTED -> text.serviceNotContracted();
            case LOGIN_TRANSACTION_EXPIRED -> text.expired();
            default -> text.invalidCredentials();
        };
    }

    /** The client's redirect URI with code, state and issuer (RFC 9207), as a 303 so that the browser GETs it. */
    Response redirect(LoginTransactions.Completion completion) {
        URI location = new AuthenticationSuccessResponse(URI.create(completion.redirectUri()),
                new com.nimbusds.oauth2.sdk.AuthorizationCode(completion.code()), null, null,
                completion.state() == null ? null : new State(completion.state()), null,
                new Issuer(config.publicOrigin()), ResponseMode.QUERY).toURI();
        return Response.seeOther(location).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    Response failed(String lang, LoginRefusal refusal) {
        LoginMessages text = LoginPage.messages(lang);
        String message = refusal == LoginRefusal.LOGIN_TRANSACTION_EXPIRED ? text.expired() : text.failed();
        return page.error(refusal.status(), lang, text.errorTitle(), message);
    }
}
