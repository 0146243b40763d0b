package hu.tokenplatform.console.branch;

import java.util.List;

/**
 * A user as the officer sees them: the registry's record, their tokens (newest first) and, from unlock-service,
 * their e-PIN's state ({@code null} while unlock-service has not yet heard of a user registered moments ago).
 */
public record UserFile(BankUser user, List<UserToken> tokens, EPinStatus ePin) {

    /** The token a new hand-over would replace: the user's live one, if any. */
    public UserToken liveToken() {
        return tokens.stream().filter(UserToken::live).findFirst().orElse(null);
    }
}
