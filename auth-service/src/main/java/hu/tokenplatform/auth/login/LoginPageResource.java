package hu.tokenplatform.auth.login;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import hu.tokenplatform.auth.config.AuthConfig;
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
import java.util.Optional;

/** The login page's own form posts: finishing a token login in the browser session that started it. */
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
            return failed(language, Refusal.LOGIN_TRANSACTION_UNKNOWN);
        }
        try {
            return redirect(transactions.complete(transactionId, BrowserSession.hash(session.get())));
        } catch (LoginRefusedException e) {
            return failed(language, e.refusal());
        }
    }

    /** The client's redirect URI with code, state and issuer (RFC 9207), as a 303 so that the browser GETs it. */
    Response redirect(LoginTransactions.Completion completion) {
        URI location = new AuthenticationSuccessResponse(URI.create(completion.redirectUri()),
                new com.nimbusds.oauth2.sdk.AuthorizationCode(completion.code()), null, null,
                completion.state() == null ? null : new State(completion.state()), null,
                new Issuer(config.publicOrigin()), ResponseMode.QUERY).toURI();
        return Response.seeOther(location).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    Response failed(String lang, Refusal refusal) {
        LoginMessages text = LoginPage.messages(lang);
        String message = refusal == Refusal.LOGIN_TRANSACTION_EXPIRED ? text.expired() : text.failed();
        return page.error(refusal.status(), lang, text.errorTitle(), message);
    }
}
