package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.langtag.LangTagUtils;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginPage;
import jakarta.inject.Inject;
import net.minidev.json.JSONObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** OIDC discovery and the JWKS. */
@Path("/")
public class DiscoveryResource {

    @Inject
    AuthConfig config;

    @Inject
    SigningKeys keys;

    @GET
    @Path(OidcEndpoints.DISCOVERY)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC discovery document")
    public Response discovery() throws LangTagException {
        String issuer = config.publicOrigin();
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(issuer), List.of(SubjectType.PUBLIC),
                URI.create(issuer + OidcEndpoints.JWKS));
        metadata.setAuthorizationEndpointURI(URI.create(issuer + OidcEndpoints.AUTHORIZE));
        metadata.setTokenEndpointURI(URI.create(issuer + OidcEndpoints.TOKEN));
        metadata.setUserInfoEndpointURI(URI.create(issuer + OidcEndpoints.USERINFO));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.NONE));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES256));
        metadata.setScopes(new Scope(AuthorizationResource.SCOPES.toArray(String[]::new)));
        metadata.setACRs(Arrays.stream(Acr.values()).map(acr -> new ACR(acr.value())).toList());
        metadata.setClaims(List.of("sub", "name", "company_id", "company_name", "services", "signing_right", "acr", "amr", "auth_time", "sid"));
        metadata.setSupportsAuthorizationResponseIssuerParam(true);
        metadata.setSupportsRequestURIParam(false);
        metadata.setUILocales(LangTagUtils.parseLangTagList(LoginPage.LANGUAGES.toArray(String[]::new)));
        JSONObject json = metadata.toJSONObject();
        // The authorization endpoint refuses request objects, by value and by reference: said explicitly, although
        // false is the default of request_parameter_supported (which Nimbus therefore leaves out).
        json.put("request_parameter_supported", false);
        return Response.ok(json.toJSONString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "max-age=300").build();
    }

    @GET
    @Path(OidcEndpoints.JWKS)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys of the token signing keys (JWKS)")
    public Response jwks() {
        return Response.ok(keys.published().toString(true), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "max-age=" + SigningKeys.CACHE_TTL.toSeconds()).build();
    }
}
