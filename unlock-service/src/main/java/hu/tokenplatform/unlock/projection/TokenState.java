package hu.tokenplatform.unlock.projection;

/**
 * The registry's states of a token that has an owner; REVOKED is terminal. The registry has no locked state: the PIN
 * lock lives on the token, and an unlock Code changes nothing in the registry.
 */
public enum TokenState {
    ISSUED,
    ACTIVE,
    REVOKED
}
