package hu.tokenplatform.unlock.code;

import hu.tokenplatform.servicekit.problem.Refusal;

/**
 * Why no unlock code was computed. The constant's name is the {@code reason} of {@code unlock.refused}, of the audit
 * entry and (lower case) of the {@code unlock_refusals_total} metric; its code, status and detail are what the agent
 * is told.
 */
public enum UnlockRefusal implements Refusal {
    /** Unknown, expired, or verified by another agent: one answer for all three. */
    VERIFICATION_INVALID("verification-invalid", 422,
            "No valid caller verification of yours with this id: it is unknown, expired or another agent's. Verify the caller again."),
    /** No token with this CSN was handed over, most likely a misread CSN. */
    TOKEN_UNKNOWN("token-unknown", 422,
            "No token with this CSN has been handed over; check the CSN the caller reads out."),
    CSN_NOT_CALLERS("csn-not-callers", 422,
            "This CSN is not a token of the verified caller."),
    TOKEN_REVOKED("token-revoked", 422,
            "This token is revoked and cannot be unlocked; the caller needs a new token from a branch."),
    DAILY_LIMIT("unlock-limit-reached", 429,
            "This token has had the most unlock codes allowed in 24 hours; try again later.");

    private final Answer answer;

    UnlockRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
