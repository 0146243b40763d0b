package hu.tokenplatform.auth.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.BrowserAddress;
import hu.tokenplatform.auth.login.BrowserSession;
import hu.tokenplatform.auth.login.LoginMessages;
import hu.tokenplatform.auth.login.LoginPage;
import hu.tokenplatform.auth.login.LoginTransaction;
import hu.tokenplatform.auth.login.LoginTransactions;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OIDC authorization endpoint: validates the authorization request (registered client, exactly registered
 * redirect URI, code flow, PKCE with S256), starts a login transaction bound to this browser session and shows
 * the login page that drives Token Manager; a browser address that opened too many login pages lately gets none. An invalid client or redirect URI is answered here, never by
 * redirecting; every other error goes back to the client's redirect URI.
 */
@Path(OidcEndpoints.AUTHORIZE)
public class AuthorizationResource {

    static final Set<String> SCOPES = Set.of("openid", "profile");
    private static final int MAX_STATE_CHARS = 512;
    private static final int MAX_QUERY_CHARS = 8192;

    @Inject
    OidcClients clients;

    @Inject
    LoginTransactions transactions;

    @Inject
    LoginPage page;

    @Inject
    BrowserSession sessions;

    @Inject
    AuthConfig config;

    @Inject
    BrowserAddress addresses;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "OIDC authorization endpoint (code flow, PKCE S256 required): the login page")
    public Response authorize(@Context UriInfo uri, @Context HttpHeaders headers, @Context RoutingContext routing) {
        String query = Optional.ofNullable(uri.getRequestUri().getRawQuery()).orElse("");
        Map<String, List<String>> parameters = query.length() > MAX_QUERY_CHARS ? Map.of() : URLUtils.parseParameters(query);
        String lang = LoginPage.language(Optional.ofNullable(MultivaluedMapUtils.getFirstValue(parameters, "ui_locales")), headers);
        LoginMessages text = LoginPage.messages(lang);

        String redirectUri = single(parameters, "redirect_uri");
        Optional<OidcClients.Client> client = clients.find(single(parameters, "client_id"));
        if (client.isEmpty() || !client.get().allowsRedirect(redirectUri)) {
            return page.error(400, lang, text.errorTitle(), text.errorRequest());
        }
        URI redirect = URI.create(redirectUri);
        State clientState = Optional.ofNullable(single(parameters, "state")).map(State::new).orElse(null);

        AuthenticationRequest request;
        try {
            request = AuthenticationRequest.parse(parameters);
        } catch (ParseException e) {
            return redirectError(redirect, e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST, clientState);
        }
        Optional<ErrorObject> refusal = refusal(request);
        if (refusal.isPresent()) {
            return redirectError(redirect, refusal.get(), clientState);
        }

        String session = sessions.currentOrNew(headers);
        Optional<LoginTransaction> transaction = transactions.start(new PendingAuthorization(client.get().id(), redirectUri,
                request.getScope().toString(), value(request.getState()), request.getNonce() == null ? null : request.getNonce().getValue(),
                request.getCodeChallenge().getValue()), BrowserSession.hash(session), addresses.of(routing.request()));
        if (transaction.isEmpty()) {
            // An error page rather than a redirect: sent back, the client might only start another login at once.
            return Response.fromResponse(page.error(429, lang, text.tooManyPagesTitle(), text.tooManyPages()))
                    .header("Retry-After", config.throttle().loginPageWindow().toSeconds()).build();
        }
        return Response.fromResponse(page.page(transaction.get(), lang, switchLanguage(parameters, lang), null, 200))
                .cookie(sessions.cookie(session)).build();
    }

    /** What this provider does not do, as the OAuth error the client gets back. */
    private static Optional<ErrorObject> refusal(AuthenticationRequest request) {
        if (!ResponseType.CODE.equals(request.getResponseType())) {
            return Optional.of(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE);
        }
        if (request.getResponseMode() != null && request.getResponseMode() != ResponseMode.QUERY) {
            return Optional.of(OAuth2Error.INVALID_REQUEST.setDescription("Only response_mode=query is supported"));
        }
        if (request.getRequestObject() != null) {
            return Optional.of(OAuth2Error.REQUEST_NOT_SUPPORTED);
        }
        if (request.getRequestURI() != null) {
            return Optional.of(OAuth2Error.REQUEST_URI_NOT_SUPPORTED);
        }
        if (request.getCodeChallenge() == null) {
            return Optional.of(OAuth2Error.INVALID_REQUEST.setDescription("PKCE is required: code_challenge is missing"));
        }
        if (!CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            return Optional.of(OAuth2Error.INVALID_REQUEST.setDescription("PKCE code_challenge_method must be S256"));
        }
        if (request.getPrompt() != null && request.getPrompt().contains(Prompt.Type.NONE)) {
            return Optional.of(com.nimbusds.openid.connect.sdk.OIDCError.LOGIN_REQUIRED);
        }
        Scope scope = request.getScope();
        if (!SCOPES.containsAll(scope.toStringList())) {
            return Optional.of(OAuth2Error.INVALID_SCOPE.setDescription("Supported scopes: " + String.join(" ", SCOPES)));
        }
        if (tooLong(request.getState()) || request.getNonce() != null && request.getNonce().getValue().length() > MAX_STATE_CHARS) {
            return Optional.of(OAuth2Error.INVALID_REQUEST.setDescription("state or nonce too long"));
        }
        return Optional.empty();
    }

    private Response redirectError(URI redirect, ErrorObject error, State state) {
        URI location = new AuthenticationErrorResponse(redirect, error, state, new Issuer(config.publicOrigin()), ResponseMode.QUERY).toURI();
        return Response.seeOther(location).header("Cache-Control", "no-store").build();
    }

    /** The same authorization request in the other language: the page's language switch. */
    private static String switchLanguage(Map<String, List<String>> parameters, String lang) {
        Map<String, List<String>> switched = new LinkedHashMap<>(parameters);
        switched.put("ui_locales", List.of(LoginPage.LANGUAGES.stream().filter(l -> !l.equals(lang)).findFirst().orElseThrow()));
        return OidcEndpoints.AUTHORIZE + "?" + URLUtils.serializeParameters(switched);
    }

    private static boolean tooLong(State state) {
        return state != null && state.getValue().length() > MAX_STATE_CHARS;
    }

    private static String value(State state) {
        return state == null ? null : state.getValue();
    }

    /** A parameter given exactly once; repeated parameters count as absent (RFC 6749, 3.1). */
    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values != null && values.size() == 1 ? values.get(0) : null;
    }
}
