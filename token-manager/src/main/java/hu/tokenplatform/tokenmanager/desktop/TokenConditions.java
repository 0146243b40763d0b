package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.DeviceState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Which {@link TokenCondition} a token is in: from its state and its certificates' expiry, nothing else. */
public final class TokenConditions {

    /**
     * A certificate that expires within this shows as {@link TokenCondition#CERTIFICATE_EXPIRING}: time enough to
     * have it renewed at the branch before logins stop working.
     */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private TokenConditions() {
    }

    /**
     * @param state               the token's state; empty when no token is plugged in
     * @param certificateExpiries the end of validity of each certificate on the token
     */
    public static TokenCondition of(Optional<DeviceState> state, Collection<Instant> certificateExpiries, Instant now) {
        if (state.isEmpty()) {
            return TokenCondition.NO_TOKEN;
        }
        return switch (state.get()) {
            case FACTORY -> TokenCondition.PIN_NOT_SET;
            // A Code accepted and no new PIN yet: the unlock is not finished, the token still refuses to sign.
            case LOCKED, AWAITING_NEW_PIN -> TokenCondition.LOCKED;
            case BLOCKED -> TokenCondition.BLOCKED;
            case READY -> certificateExpiries.stream().anyMatch(expiry -> expiry.isBefore(now.plus(EXPIRY_WARNING)))
                    ? TokenCondition.CERTIFICATE_EXPIRING : TokenCondition.READY;
        };
    }
}
