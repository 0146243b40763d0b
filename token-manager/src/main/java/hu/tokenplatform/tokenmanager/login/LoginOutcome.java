package hu.tokenplatform.tokenmanager.login;

/**
 * How a token login ended, as the local API reports it to the login page (docs/login-protocol.md).
 *
 * @param code      stable code, {@code authenticated} on success
 * @param status    HTTP status for the local API
 * @param triesLeft PIN tries left after a wrong PIN, else null
 * @param bankCode  auth-service's problem code when the bank refused, else null
 */
public record LoginOutcome(String code, int status, Integer triesLeft, String bankCode) {

    public static final String AUTHENTICATED = "authenticated";

    static LoginOutcome authenticated() {
        return new LoginOutcome(AUTHENTICATED, 200, null, null);
    }

    static LoginOutcome refused(String code, int status) {
        return new LoginOutcome(code, status, null, null);
    }

    static LoginOutcome wrongPin(int triesLeft) {
        return new LoginOutcome("wrong-pin", 401, triesLeft, null);
    }

    static LoginOutcome bankRefused(String bankCode) {
        return new LoginOutcome("bank-refused", 403, null, bankCode);
    }

    public boolean succeeded() {
        return AUTHENTICATED.equals(code);
    }
}
