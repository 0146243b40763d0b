package hu.tokenplatform.registry.token;

import java.util.EnumSet;
import java.util.Set;

/**
 * Registry lifecycle of a token. The PIN retry counter lives on the device; LOCKED here means the helpdesk
 * issued an unlock code, and the next successful token login makes the token ACTIVE again. A token that is
 * locked before its first login (ISSUED) can be unlocked too.
 */
public enum TokenState {
    IN_STOCK,
    ISSUED,
    ACTIVE,
    LOCKED,
    REVOKED;

    public static final Set<TokenState> LIVE = EnumSet.of(ISSUED, ACTIVE, LOCKED);

    public boolean canMoveTo(TokenState next) {
        return switch (this) {
            case IN_STOCK -> next == ISSUED || next == REVOKED;
            case ISSUED -> next == ACTIVE || next == LOCKED || next == REVOKED;
            case ACTIVE -> next == LOCKED || next == REVOKED;
            case LOCKED -> next == ACTIVE || next == REVOKED;
            case REVOKED -> false;
        };
    }

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
