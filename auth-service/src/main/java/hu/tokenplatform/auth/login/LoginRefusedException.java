package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.revocation.RevocationStatus;
import hu.tokenplatform.servicekit.problem.RefusalException;

/** A refused login, with what is known about whom it was for (for the login.failed event). */
public class LoginRefusedException extends RefusalException {

    private final LoginRefusal refusal;
    private final LoginAttempt attempt;

    /** Thrown through {@link LoginRefusal#exception(LoginAttempt)}. */
    LoginRefusedException(LoginRefusal refusal, LoginAttempt attempt) {
        super(refusal);
        this.refusal = refusal;
        this.attempt = attempt;
    }

    /** Only a good token goes on: a revoked one is refused as such, one whose standing nobody could tell as unknown. */
    static void unlessGood(RevocationStatus.Verdict verdict, LoginAttempt attempt) {
        switch (verdict) {
            case GOOD -> { }
            case REVOKED -> throw LoginRefusal.CERTIFICATE_REVOKED.exception(attempt);
            case UNKNOWN -> throw LoginRefusal.REVOCATION_STATUS_UNKNOWN.exception(attempt);
        }
    }

    @Override
    public LoginRefusal refusal() {
        return refusal;
    }

    public LoginAttempt attempt() {
        return attempt;
    }
}
