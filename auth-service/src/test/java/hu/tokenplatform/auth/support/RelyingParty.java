package hu.tokenplatform.auth.support;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;

import java.net.URI;

/**
 * Electra or e-posta as an OIDC relying party, with the Nimbus SDK as a real client library would use it:
 * discovery, the authorization response, the token request with client_secret_basic and the PKCE verifier.
 */
public record RelyingParty(String clientId, String secret, URI redirectUri) {

    public static RelyingParty electra() {
        return new RelyingParty("electra", TestBankResource.ELECTRA_SECRET, URI.create(TestBankResource.ELECTRA_CALLBACK));
    }

    public static RelyingParty ePosta() {
        return new RelyingParty("e-posta", TestBankResource.EPOSTA_SECRET, URI.create(TestBankResource.EPOSTA_CALLBACK));
    }

    public static OIDCProviderMetadata discover() {
        try {
            return OIDCProviderMetadata.resolve(new Issuer(Browser.origin()));
        } catch (Exception e) {
            throw new IllegalStateException("discovery failed", e);
        }
    }

    /** The code from the redirect the login page sent the browser to, after checking state and issuer. */
    public static AuthorizationCode code(URI redirect, String state) {
        try {
            AuthorizationResponse response = AuthorizationResponse.parse(redirect);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("authorization failed: " + response.toErrorResponse().getErrorObject());
            }
            AuthorizationSuccessResponse success = response.toSuccessResponse();
            if (!state.equals(success.getState().getValue()) || !Browser.origin().equals(success.getIssuer().getValue())) {
                throw new AssertionError("state or issuer of the authorization response is wrong: " + redirect);
            }
            return success.getAuthorizationCode();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not an authorization response: " + redirect, e);
        }
    }

    /** The Electra backend's access token for the transaction signature API (client credentials). */
    public static String backendToken() {
        try {
            return com.nimbusds.oauth2.sdk.TokenResponse.parse(new TokenRequest(URI.create(Browser.origin() + "/oidc/token"),
                    new ClientSecretBasic(new ClientID("electra"), new Secret(TestBankResource.ELECTRA_SECRET)),
                    new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), new com.nimbusds.oauth2.sdk.Scope("transaction-signatures"))
                    .toHTTPRequest().send()).toSuccessResponse().getTokens().getAccessToken().getValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HTTPResponse redeem(AuthorizationCode code, URI redirect, CodeVerifier verifier) {
        return redeem(code, redirect, verifier, secret);
    }

    public HTTPResponse redeem(AuthorizationCode code, URI redirect, CodeVerifier verifier, String clientSecret) {
        try {
            return new TokenRequest(URI.create(Browser.origin() + "/oidc/token"),
                    new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret)),
                    new AuthorizationCodeGrant(code, redirect, verifier)).toHTTPRequest().send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
