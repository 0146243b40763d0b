package hu.tokenplatform.auth.oidc;

/**
 * A validated authorization request waiting for the user to log in: registered client, exactly registered
 * redirect URI, S256 PKCE challenge.
 */
public record PendingAuthorization(String clientId, String redirectUri, String scope, String state, String nonce,
                                   String codeChallenge) {
}
