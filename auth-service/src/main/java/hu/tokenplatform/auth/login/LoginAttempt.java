package hu.tokenplatform.auth.login;

/** Who a refused login was for, as far as known when it was refused; any part may be null. */
public record LoginAttempt(String customerId, String csn, String client) {
}
