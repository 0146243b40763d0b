package hu.tokenplatform.tokencrypto.pin;

import java.util.Map;

/** One rule, whether the PIN meets it, and the numbers a screen needs to word it (e.g. min, max). */
public record RuleResult(PinRule rule, boolean met, Map<String, Integer> parameters) {

    public RuleResult {
        parameters = Map.copyOf(parameters);
    }
}
