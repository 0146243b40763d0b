package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.servicekit.problem.Refusal;

/**
 * Why a caller was not verified. The constant's name is the {@code reason} of {@code caller.verification-failed} and
 * of the audit entry; its code, status and detail are what the agent is told. A wrong e-PIN, an unknown customer
 * identifier and one without e-PIN share one code and detail on purpose: the agent must not learn which it was.
 */
public enum VerificationFailure implements Refusal {
    WRONG_E_PIN(Answers.NOT_VERIFIED),
    /** Not registered: told to the agent exactly as a wrong e-PIN. */
    UNKNOWN_CUSTOMER(Answers.NOT_VERIFIED),
    /** Registered, but no branch officer has set an e-PIN yet: told to the agent exactly as a wrong e-PIN. */
    E_PIN_NOT_SET(Answers.NOT_VERIFIED),
    /** Tried while locked; the e-PIN was not checked. */
    E_PIN_LOCKED(Answers.LOCKED),
    /** The agent's hourly limit; the e-PIN was not checked. */
    RATE_LIMITED(Answers.RATE_LIMITED);

    private final Answer answer;

    VerificationFailure(Answer answer) {
        this.answer = answer;
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** The three answers an agent can get, each spelled once. */
    private static final class Answers {
        static final Answer NOT_VERIFIED = new Answer("caller-not-verified", 422, "The customer identifier or the e-PIN is wrong.");
        static final Answer LOCKED = new Answer("e-pin-locked", 423,
                "Too many wrong e-PINs: the caller must have a branch officer set a new e-PIN.");
        static final Answer RATE_LIMITED = new Answer("rate-limited", 429,
                "You have made the most caller verifications allowed in an hour; try again later.");
    }
}
