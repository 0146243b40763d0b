package hu.tokenplatform.registry.token;

import java.util.EnumSet;
import java.util.Set;

/**
 * Registry lifecycle of a token. The PIN retry counter and the PIN lock live on the device, which the registry
 * cannot see: an unlock Code the helpdesk issues is recorded as a fact ({@link Token#lastUnlockCodeAt}), not as a
 * state. The first successful token login makes an ISSUED token ACTIVE.
 */
public enum TokenState {
    IN_STOCK,
    ISSUED,
    ACTIVE,
    REVOKED;

    public static final Set<TokenState> LIVE = EnumSet.of(ISSUED, ACTIVE);

    public boolean canMoveTo(TokenState next) {
        return switch (this) {
            case IN_STOCK -> next == ISSUED || next == REVOKED;
            case ISSUED -> next == ACTIVE || next == REVOKED;
            case ACTIVE -> next == REVOKED;
            case REVOKED -> false;
        };
    }

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
