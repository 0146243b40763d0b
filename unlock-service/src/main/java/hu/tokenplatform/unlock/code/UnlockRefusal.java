package hu.tokenplatform.unlock.code;

/** Why no unlock code was computed: the {@code reason} of {@code unlock.refused} and of the audit entry. */
public enum UnlockRefusal {
    /** Unknown, expired, or verified by another agent. */
    VERIFICATION_INVALID,
    /** No token with this CSN was handed over, most likely a misread CSN. */
    TOKEN_UNKNOWN,
    CSN_NOT_CALLERS,
    TOKEN_REVOKED,
    DAILY_LIMIT
}
