package hu.tokenplatform.tokencrypto.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The token PIN rules as one value, so that the device enforces and the screen shows the same rules.
 * <p>
 * Defaults follow the field defaults of token vendors quoted in the platform design (SafeNet): 6 to 16
 * characters, at least 3 of the 4 character classes, at most 3 identical characters in a row, no run of
 * consecutive characters longer than 3, and different from the current and the last 3 PINs. Five wrong PINs
 * lock the token (the bank's letter); that counter lives on the device.
 * <p>
 * The policy never keeps or copies the PIN; the device answers "used recently" from the salted hashes it
 * keeps, since it never stores a PIN in clear.
 */
public record PinPolicy(int minLength, int maxLength, int minCharacterClasses, int maxRepeatedRun,
                        int maxSequenceLength, int historySize) {

    private static final int CLASSES = 4;

    public PinPolicy {
        if (minLength < 1 || maxLength < minLength || maxLength > 64) {
            throw new IllegalArgumentException("PIN length bounds must satisfy 1 <= min <= max <= 64");
        }
        if (minCharacterClasses < 1 || minCharacterClasses > CLASSES) {
            throw new IllegalArgumentException("character classes must be between 1 and " + CLASSES);
        }
        if (maxRepeatedRun < 1 || maxSequenceLength < 2) {
            throw new IllegalArgumentException("runs must allow at least 1 repeated and 2 consecutive characters");
        }
        if (historySize < 0 || historySize > 20) {
            throw new IllegalArgumentException("PIN history must be between 0 and 20");
        }
    }

    public static PinPolicy defaults() {
        return new PinPolicy(6, 16, 3, 3, 3, 3);
    }

    /**
     * Evaluates every rule. For an empty PIN every rule but LENGTH is vacuously met, so a screen shows the rules
     * before the user types.
     *
     * @param usedRecently whether the PIN equals the current or one of the last {@code historySize} PINs
     */
    public PinEvaluation evaluate(char[] pin, Predicate<char[]> usedRecently) {
        List<RuleResult> results = new ArrayList<>();
        results.add(new RuleResult(PinRule.LENGTH, pin.length >= minLength && pin.length <= maxLength,
                Map.of("min", minLength, "max", maxLength)));
        results.add(new RuleResult(PinRule.ALLOWED_CHARACTERS, allPrintableAscii(pin), Map.of()));
        results.add(new RuleResult(PinRule.CHARACTER_CLASSES, pin.length == 0 || classes(pin) >= minCharacterClasses,
                Map.of("min", minCharacterClasses)));
        results.add(new RuleResult(PinRule.NO_LONG_RUNS, longestRepeat(pin) <= maxRepeatedRun, Map.of("max", maxRepeatedRun)));
        results.add(new RuleResult(PinRule.NO_SEQUENCES, longestSequence(pin) <= maxSequenceLength,
                Map.of("max", maxSequenceLength)));
        boolean fresh = historySize == 0 || pin.length == 0 || !usedRecently.test(pin);
        results.add(new RuleResult(PinRule.NOT_RECENTLY_USED, fresh, Map.of("count", historySize)));
        return new PinEvaluation(results);
    }

    private static boolean allPrintableAscii(char[] pin) {
        for (char c : pin) {
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static int classes(char[] pin) {
        boolean digit = false;
        boolean lower = false;
        boolean upper = false;
        boolean other = false;
        for (char c : pin) {
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else {
                other = true;
            }
        }
        return (digit ? 1 : 0) + (lower ? 1 : 0) + (upper ? 1 : 0) + (other ? 1 : 0);
    }

    private static int longestRepeat(char[] pin) {
        int longest = pin.length == 0 ? 0 : 1;
        int run = 1;
        for (int i = 1; i < pin.length; i++) {
            run = pin[i] == pin[i - 1] ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Longest run of consecutive code points going up (1234, abcd) or down (4321, DCBA). */
    private static int longestSequence(char[] pin) {
        int longest = pin.length == 0 ? 0 : 1;
        int up = 1;
        int down = 1;
        for (int i = 1; i < pin.length; i++) {
            up = pin[i] == pin[i - 1] + 1 && sameClass(pin[i], pin[i - 1]) ? up + 1 : 1;
            down = pin[i] == pin[i - 1] - 1 && sameClass(pin[i], pin[i - 1]) ? down + 1 : 1;
            longest = Math.max(longest, Math.max(up, down));
        }
        return longest;
    }

    /** "9:" or "Z[" are neighbours in ASCII but not a sequence a person would type as one. */
    private static boolean sameClass(char a, char b) {
        return Character.isDigit(a) == Character.isDigit(b)
                && Character.isLowerCase(a) == Character.isLowerCase(b)
                && Character.isUpperCase(a) == Character.isUpperCase(b);
    }
}
