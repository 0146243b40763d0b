package hu.tokenplatform.auth.login;

import hu.tokenplatform.servicekit.problem.Refusal;

/**
 * Why a login was refused: the stable code the agent, the login page and login.failed events carry
 * (docs/auth-service.md lists them; Token Manager and the login page switch on them), the HTTP status, and a
 * detail that never holds a secret. Thrown as a {@link LoginRefusedException}, which names whom the login was for.
 */
public enum LoginRefusal implements Refusal {
    INVALID_REQUEST("invalid-request", 400, "The request is malformed."),
    CLIENT_CERTIFICATE_REQUIRED("client-certificate-required", 401, "A token login certificate is required."),
    CERTIFICATE_UNTRUSTED("certificate-untrusted", 403, "The certificate was not issued by the bank's token CA."),
    CERTIFICATE_EXPIRED("certificate-expired", 403, "The certificate is outside its validity period."),
    CERTIFICATE_NOT_FOR_LOGIN("certificate-not-for-login", 403, "The certificate is not a login certificate."),
    CERTIFICATE_UNKNOWN("certificate-unknown", 403, "The certificate is not known to the bank as a token certificate."),
    CERTIFICATE_REVOKED("certificate-revoked", 403, "The certificate or its token is revoked."),
    REVOCATION_STATUS_UNKNOWN("revocation-status-unknown", 503, "The revocation status cannot be checked now; try again later."),
    LOGIN_TRANSACTION_UNKNOWN("login-transaction-unknown", 404, "No such login transaction."),
    LOGIN_TRANSACTION_EXPIRED("login-transaction-expired", 410, "The login transaction has expired; reload the login page."),
    LOGIN_TRANSACTION_USED("login-transaction-used", 409, "The login transaction was already used."),
    LOGIN_TRANSACTION_MISMATCH("login-transaction-mismatch", 409, "The client or origin differs from the login transaction's."),
    SIGNATURE_INVALID("signature-invalid", 403, "The signature does not verify with the certificate's key."),
    USER_UNKNOWN("user-unknown", 403, "The certificate's owner is not known as a user."),
    SERVICE_NOT_CONTRACTED("service-not-contracted", 403, "The service is not on the user's contract."),
    RATE_LIMITED("rate-limited", 429, "Too many failed logins; try again later."),
    INVALID_CREDENTIALS("invalid-credentials", 401, "Customer identifier or password is wrong."),
    ACCOUNT_LOCKED("account-locked", 423, "Password login is locked after too many wrong passwords; try again later or use your token."),
    PASSWORD_LOGIN_DISABLED("password-login-disabled", 403,
            "Password login is switched off since your re-contracting: log in with your token.");

    private final Answer answer;

    LoginRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** This refusal of a login for whom {@code attempt} names, as far as known: the login.failed event says so. */
    public LoginRefusedException exception(LoginAttempt attempt) {
        return new LoginRefusedException(this, attempt);
    }

    /**
     * This refusal of a login for nobody known yet. Still a {@link LoginRefusedException}, so that every login
     * refusal, however thrown, is caught and recorded like the others.
     */
    @Override
    public LoginRefusedException exception() {
        return exception(LoginAttempt.UNKNOWN);
    }
}
