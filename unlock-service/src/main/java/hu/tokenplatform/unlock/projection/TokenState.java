package hu.tokenplatform.unlock.projection;

/** The registry's states of a token that has an owner; REVOKED is terminal. */
public enum TokenState {
    ISSUED,
    ACTIVE,
    LOCKED,
    REVOKED
}
