package hu.tokenplatform.auth.oidc;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginMethod;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.revocation.RevocationStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The OIDC token endpoint, parsed by the Nimbus SDK: the authorization code grant (code single use, same
 * client, same redirect URI, PKCE S256 verifier) and, for confidential clients' backends, the client
 * credentials grant for their API scopes. Confidential clients authenticate with client_secret_basic.
 */
@Path(OidcEndpoints.TOKEN)
public class TokenResource {

    private static final int MAX_BODY_CHARS = 8192;

    @Inject
    OidcClients clients;

    @Inject
    AuthorizationCodes codes;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuthConfig config;

    @Inject
    RevocationStatus revocation;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC token endpoint: authorization_code (PKCE required) and client_credentials")
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            return error(OAuth2Error.INVALID_REQUEST);
        }
        TokenRequest request;
        try {
            HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, URI.create(config.publicOrigin() + OidcEndpoints.TOKEN));
            http.setEntityContentType(ContentType.APPLICATION_URLENCODED);
            http.setBody(body);
            if (authorization != null) {
                http.setAuthorization(authorization);
            }
            request = TokenRequest.parse(http);
        } catch (ParseException e) {
            return error(e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST);
        }
        Optional<OidcClients.Client> client = authenticate(request);
        if (client.isEmpty()) {
            return error(OAuth2Error.INVALID_CLIENT);
        }
        AuthorizationGrant grant = request.getAuthorizationGrant();
        if (grant instanceof AuthorizationCodeGrant codeGrant) {
            return authorizationCode(client.get(), codeGrant);
        }
        if (grant instanceof ClientCredentialsGrant) {
            return clientCredentials(client.get(), request.getScope());
        }
        return error(OAuth2Error.UNSUPPORTED_GRANT_TYPE);
    }

    /** Confidential clients by client_secret_basic only; public clients name themselves and rely on PKCE. */
    private Optional<OidcClients.Client> authenticate(TokenRequest request) {
        ClientAuthentication authentication = request.getClientAuthentication();
        if (authentication == null) {
            ClientID id = request.getClientID();
            return clients.find(id == null ? null : id.getValue()).filter(c -> !c.confidential());
        }
        if (!(authentication instanceof ClientSecretBasic basic)) {
            return Optional.empty();
        }
        return clients.find(basic.getClientID().getValue()).filter(c -> c.secretMatches(basic.getClientSecret().getValue()));
    }

    private Response authorizationCode(OidcClients.Client client, AuthorizationCodeGrant grant) {
        // The code is spent in its own transaction first: whatever is wrong with this request, it never works again.
        Optional<AuthorizationCode> redeemed = QuarkusTransaction.requiringNew().call(() ->
                codes.redeem(grant.getAuthorizationCode().getValue()));
        if (redeemed.isEmpty()) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("unknown, expired or used code"));
        }
        AuthorizationCode code = redeemed.get();
        if (!code.clientId.equals(client.id())) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("code issued to another client"));
        }
        if (grant.getRedirectionURI() == null || !grant.getRedirectionURI().toString().equals(code.redirectUri)) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("redirect_uri differs from the authorization request's"));
        }
        if (!pkceMatches(grant.getCodeVerifier(), code.codeChallenge)) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("PKCE code_verifier does not match"));
        }
        if (code.method == LoginMethod.TOKEN && tokenNoLongerGood(code)) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("the token of this login is revoked or its status unknown"));
        }
        Optional<BankUser> user = QuarkusTransaction.requiringNew().call(() -> BankUser.<BankUser>findByIdOptional(code.customerId));
        if (user.isEmpty()) {
            return error(OAuth2Error.INVALID_GRANT.setDescription("user no longer known"));
        }
        TokenIssuer.Issued issued = issuer.forUser(code, user.get());
        BearerAccessToken accessToken = new BearerAccessToken(issued.accessToken().serialize(),
                issued.accessTokenLifetime().toSeconds(), new Scope(code.scope.split(" ")));
        return ok(new OIDCTokenResponse(new OIDCTokens(issued.idToken(), accessToken, null)).toJSONObject().toJSONString());
    }

    /** The token may have been revoked since the login: no tokens for it then, nor when that cannot be told. */
    private boolean tokenNoLongerGood(AuthorizationCode code) {
        return code.certificateSerial == null
                || revocation.of(code.csn, code.certificateSerial) != RevocationStatus.Verdict.GOOD;
    }

    private Response clientCredentials(OidcClients.Client client, Scope requested) {
        if (!client.confidential() || client.backendScopes().isEmpty()) {
            return error(OAuth2Error.UNAUTHORIZED_CLIENT);
        }
        List<String> scopes = requested == null ? client.backendScopes() : requested.toStringList();
        if (scopes.isEmpty() || !client.backendScopes().containsAll(scopes)) {
            return error(OAuth2Error.INVALID_SCOPE);
        }
        BearerAccessToken accessToken = new BearerAccessToken(issuer.forClient(client.id(), scopes).serialize(),
                config.oidc().accessTokenTtl().toSeconds(), new Scope(scopes.toArray(String[]::new)));
        return ok(new AccessTokenResponse(new Tokens(accessToken, null)).toJSONObject().toJSONString());
    }

    /** S256 only; compared in constant time. */
    private static boolean pkceMatches(CodeVerifier verifier, String challenge) {
        if (verifier == null) {
            return false;
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static Response error(ErrorObject error) {
        Response.ResponseBuilder response = Response.status(error.getHTTPStatusCode() == 0 ? 400 : error.getHTTPStatusCode())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new TokenErrorResponse(error).toJSONObject().toJSONString())
                .header("Cache-Control", "no-store");
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"auth-service\"");
        }
        return response.build();
    }
}
