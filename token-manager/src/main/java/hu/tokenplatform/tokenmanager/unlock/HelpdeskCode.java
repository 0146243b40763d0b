package hu.tokenplatform.tokenmanager.unlock;

import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.TokenDevice;

/**
 * Typing the Code the helpdesk read back, for the command line and the unlock window alike: the token judges the
 * Code; this says what the user must be told next (the same Random, a new Random to read out, or the end).
 */
public final class HelpdeskCode {

    private HelpdeskCode() {
    }

    /** What became of one Code. */
    public enum Verdict {
        /** The token waits for the new PIN. */
        ACCEPTED,
        /** Wrong, and the Random the user read out still stands: check the Code with the helpdesk. */
        WRONG,
        /** Wrong, and the token drew a new Random after too many wrong Codes: read it out again. */
        NEW_RANDOM,
        /** Too many wrong Codes since the lock: the token accepts nothing more. */
        BLOCKED
    }

    /** @param random what the token shows now (only while {@code verdict} is WRONG or NEW_RANDOM) */
    public record Outcome(Verdict verdict, String random) {
    }

    /**
     * @param randomShown the Random the user read out to the helpdesk, so that a new one is noticed
     */
    public static Outcome submit(TokenDevice token, String code, String randomShown) {
        if (token.submitUnlockCode(code)) {
            return new Outcome(Verdict.ACCEPTED, null);
        }
        DeviceStatus now = token.status();
        if (now.state() == DeviceState.BLOCKED) {
            return new Outcome(Verdict.BLOCKED, null);
        }
        String current = now.unlockRandom().orElseThrow();
        return new Outcome(current.equals(randomShown) ? Verdict.WRONG : Verdict.NEW_RANDOM, current);
    }
}
