package hu.tokenplatform.tokencrypto.pin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinPolicyTest {

    private final PinPolicy policy = PinPolicy.defaults();

    private PinEvaluation evaluate(String pin) {
        return policy.evaluate(pin.toCharArray(), candidate -> false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tok3n!pw", "9xY#kp2Q", "aaaB1!", "Electra2026", "e-posta!7"})
    void goodPinsMeetEveryRule(String pin) {
        assertTrue(evaluate(pin).acceptable(), evaluate(pin).unmet().toString());
    }

    static Stream<Arguments> pinsBreakingOneRule() {
        return Stream.of(
                Arguments.of("Ab1!x", PinRule.LENGTH),
                Arguments.of("Ab1!xAb1!xAb1!xAb", PinRule.LENGTH),
                Arguments.of("Ab1!x ab", PinRule.ALLOWED_CHARACTERS),
                Arguments.of("Ab1!xáb", PinRule.ALLOWED_CHARACTERS),
                Arguments.of("49275310", PinRule.CHARACTER_CLASSES),
                Arguments.of("tokenpin", PinRule.CHARACTER_CLASSES),
                Arguments.of("Aa1aaaa!", PinRule.NO_LONG_RUNS),
                Arguments.of("Ab1234!x", PinRule.NO_SEQUENCES),
                Arguments.of("Zq9876!x", PinRule.NO_SEQUENCES),
                Arguments.of("x!7abcdQ", PinRule.NO_SEQUENCES),
                Arguments.of("x!7DCBAq", PinRule.NO_SEQUENCES));
    }

    @ParameterizedTest
    @MethodSource("pinsBreakingOneRule")
    void eachRuleFailsOnItsOwn(String pin, PinRule broken) {
        assertEquals(List.of(broken), evaluate(pin).unmet());
    }

    @Test
    void recentlyUsedPinIsRefused() {
        char[] previous = "Tok3n!pw".toCharArray();
        PinEvaluation evaluation = policy.evaluate("Tok3n!pw".toCharArray(), candidate -> Arrays.equals(candidate, previous));
        assertEquals(List.of(PinRule.NOT_RECENTLY_USED), evaluation.unmet());
        assertEquals(3, evaluation.results().get(PinRule.NOT_RECENTLY_USED.ordinal()).parameters().get("count"));
    }

    @Test
    void everyRuleIsReportedWithWhatAScreenNeeds() {
        PinEvaluation evaluation = evaluate("");
        assertEquals(List.of(PinRule.values()), evaluation.results().stream().map(RuleResult::rule).toList());
        assertEquals(List.of(PinRule.LENGTH), evaluation.unmet());
        RuleResult length = evaluation.results().get(0);
        assertEquals(6, length.parameters().get("min"));
        assertEquals(16, length.parameters().get("max"));
    }

    @Test
    void historyIsNotConsultedWithoutHistory() {
        PinPolicy noHistory = new PinPolicy(4, 8, 1, 2, 2, 0);
        PinEvaluation evaluation = noHistory.evaluate("1357".toCharArray(), candidate -> {
            throw new AssertionError("history consulted");
        });
        assertTrue(evaluation.acceptable());
    }

    @Test
    void customParametersAreRespected() {
        PinPolicy strict = new PinPolicy(8, 12, 4, 2, 2, 5);
        assertEquals(List.of(PinRule.CHARACTER_CLASSES), strict.evaluate("Tok3npwX".toCharArray(), c -> false).unmet());
        assertEquals(List.of(PinRule.NO_LONG_RUNS), strict.evaluate("Tok3n!!!w".toCharArray(), c -> false).unmet());
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(0, 8, 1, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(8, 6, 1, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(6, 8, 5, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(6, 8, 1, 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(6, 8, 1, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy(6, 8, 1, 2, 2, 21));
    }

    /** Seeded random PINs: acceptance must equal the rules computed independently here. */
    @Test
    void acceptanceEqualsTheConjunctionOfIndependentlyComputedRules() {
        Random random = new Random(20261124);
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#%&*+-.:=?@_ é";
        for (int i = 0; i < 500; i++) {
            int length = random.nextInt(20);
            char[] pin = new char[length];
            IntStream.range(0, length).forEach(j -> pin[j] = alphabet.charAt(random.nextInt(alphabet.length())));
            String text = new String(pin);
            boolean expected = length >= 6 && length <= 16
                    && text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)
                    && Stream.of("[0-9]", "[a-z]", "[A-Z]", "[^0-9a-zA-Z]").filter(re -> text.matches(".*" + re + ".*")).count() >= 3
                    && !text.matches(".*(.)\\1\\1\\1.*")
                    && !hasSequenceOfFour(text);
            assertEquals(expected, policy.evaluate(pin, c -> false).acceptable(), text);
        }
    }

    private static boolean hasSequenceOfFour(String text) {
        for (String run : new String[]{"0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}) {
            String reversed = new StringBuilder(run).reverse().toString();
            for (int i = 0; i + 4 <= run.length(); i++) {
                if (text.contains(run.substring(i, i + 4)) || text.contains(reversed.substring(i, i + 4))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void shortPinWithTooFewClassesStillReportsLengthFirst() {
        assertFalse(evaluate("abc").acceptable());
        assertEquals(PinRule.LENGTH, evaluate("abc").unmet().get(0));
    }
}
