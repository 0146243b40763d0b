package hu.tokenplatform.auth.login;

/** Who a refused login was for, as far as known when it was refused; any part may be null. */
public record LoginAttempt(String customerId, String csn, String client) {

    /** A login refused before anything about it was known: no customer, token or client can be named. */
    public static final LoginAttempt UNKNOWN = new LoginAttempt(null, null, null);
}
