package hu.tokenplatform.auth.login;

/** A refused login, with what is known about whom it was for (for the login.failed event). */
public class LoginRefusedException extends RuntimeException {

    private final Refusal refusal;
    private final LoginAttempt attempt;

    public LoginRefusedException(Refusal refusal, LoginAttempt attempt) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.attempt = attempt;
    }

    public Refusal refusal() {
        return refusal;
    }

    public LoginAttempt attempt() {
        return attempt;
    }
}
