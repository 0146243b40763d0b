package hu.tokenplatform.registry.token;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token's states only go forward: IN_STOCK, ISSUED, ACTIVE, REVOKED. The registry's consumer of login reports relies
 * on it: a login of an ACTIVE token is skipped without recording its id (ReportedTokenEvents), which is safe only
 * because no token ever becomes ISSUED again, where that login would activate it.
 */
class TokenStateTest {

    @ParameterizedTest
    @EnumSource(TokenState.class)
    void eachStateMovesOnlyForward(TokenState from) {
        Set<TokenState> allowed = EnumSet.noneOf(TokenState.class);
        for (TokenState to : TokenState.values()) {
            if (from.canMoveTo(to)) {
                allowed.add(to);
            }
        }
        Set<TokenState> expected = switch (from) {
            case IN_STOCK -> EnumSet.of(TokenState.ISSUED, TokenState.REVOKED);
            case ISSUED -> EnumSet.of(TokenState.ACTIVE, TokenState.REVOKED);
            case ACTIVE -> EnumSet.of(TokenState.REVOKED);
            case REVOKED -> EnumSet.noneOf(TokenState.class);
        };
        assertEquals(expected, allowed, from + " may move to");
        allowed.forEach(to -> assertEquals(true, to.ordinal() > from.ordinal(), from + " -> " + to + " goes back"));
    }
}
