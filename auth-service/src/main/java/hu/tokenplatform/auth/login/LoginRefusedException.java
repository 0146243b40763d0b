package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.revocation.RevocationStatus;

/** A refused login, with what is known about whom it was for (for the login.failed event). */
public class LoginRefusedException extends RuntimeException {

    private final Refusal refusal;
    private final LoginAttempt attempt;

    public LoginRefusedException(Refusal refusal, LoginAttempt attempt) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.attempt = attempt;
    }

    /** Only a good token goes on: a revoked one is refused as such, one whose standing nobody could tell as unknown. */
    static void unlessGood(RevocationStatus.Verdict verdict, LoginAttempt attempt) {
        switch (verdict) {
            case GOOD -> { }
            case REVOKED -> throw new LoginRefusedException(Refusal.CERTIFICATE_REVOKED, attempt);
            case UNKNOWN -> throw new LoginRefusedException(Refusal.REVOCATION_STATUS_UNKNOWN, attempt);
        }
    }

    public Refusal refusal() {
        return refusal;
    }

    public LoginAttempt attempt() {
        return attempt;
    }
}
