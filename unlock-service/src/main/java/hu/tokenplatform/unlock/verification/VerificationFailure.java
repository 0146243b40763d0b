package hu.tokenplatform.unlock.verification;

/** Why a caller was not verified: the {@code reason} of {@code caller.verification-failed} and of the audit entry. */
public enum VerificationFailure {
    WRONG_E_PIN,
    /** Not registered: told to the agent exactly as a wrong e-PIN. */
    UNKNOWN_CUSTOMER,
    /** Registered, but no branch officer has set an e-PIN yet: told to the agent exactly as a wrong e-PIN. */
    E_PIN_NOT_SET,
    /** Tried while locked; the e-PIN was not checked. */
    E_PIN_LOCKED,
    /** The agent's hourly limit; the e-PIN was not checked. */
    RATE_LIMITED
}
