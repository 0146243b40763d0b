package hu.tokenplatform.tokenmanager.login;

/**
 * What the login page asks Token Manager to sign (docs/login-protocol.md). There is no PIN field: the PIN is
 * entered in Token Manager, and a body carrying any other field is refused.
 *
 * @param challenge base64url, 32 to 64 bytes
 */
public record TokenLoginRequest(String transactionId, String client, String challenge) {
}
