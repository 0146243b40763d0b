package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.TokenDevice;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Choosing a new PIN as the bank's letter describes it: the rules are on screen, every rule is checked as
 * the PIN is entered, and the confirmation is asked for only once the PIN meets all of them.
 */
public final class PinEntry {

    /** Rounds of "new PIN, confirm" before the command gives up (nothing is changed on the token). */
    static final int MAX_ROUNDS = 5;

    private PinEntry() {
    }

    /**
     * @return a PIN that meets every rule and was typed twice alike; the caller clears it
     * @throws PinNotChosenException if the user does not manage within {@link #MAX_ROUNDS} rounds
     */
    private static char[] chooseNewPin(Terminal terminal, TokenDevice token) {
        PinRulesView.showRules(terminal, token.checkNewPin(new char[0]));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            char[] pin = terminal.askSecret("pin.prompt.new");
            PinEvaluation evaluation = token.checkNewPin(pin);
            PinRulesView.showEvaluation(terminal, evaluation);
            if (!evaluation.acceptable()) {
                Arrays.fill(pin, '\0');
                terminal.say("pin.rules-not-met");
                continue;
            }
            char[] confirmation = terminal.askSecret("pin.prompt.confirm");
            try {
                if (Arrays.equals(pin, confirmation)) {
                    return pin;
                }
            } finally {
                Arrays.fill(confirmation, '\0');
            }
            Arrays.fill(pin, '\0');
            terminal.say("pin.confirmation-differs");
        }
        throw new PinNotChosenException();
    }

    /** Has the user choose a new PIN, gives it to {@code use} (the token), and clears it whatever happens. */
    public static void chooseNewPin(Terminal terminal, TokenDevice token, Consumer<char[]> use) {
        char[] pin = chooseNewPin(terminal, token);
        try {
            use.accept(pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** The user did not choose a valid PIN in time; the token is unchanged. */
    public static final class PinNotChosenException extends RuntimeException {
        PinNotChosenException() {
            super("no valid PIN chosen");
        }
    }
}
