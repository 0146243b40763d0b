package hu.tokenplatform.tokencrypto.login;

/**
 * What Token Manager posts to auth-service's agent endpoint over mutual TLS (docs/login-protocol.md): the
 * login transaction it answers, the client and origin it signed for, and the signature over
 * {@link LoginChallenge#toBeSigned} as base64url DER. The certificate is the TLS client certificate, not a field.
 */
public record LoginAssertion(String transactionId, String client, String origin, String signature) {

    /** The agent endpoint's path on auth-service's mutual-TLS listener. */
    public static final String PATH = "/agent/v1/login-assertions";
}
