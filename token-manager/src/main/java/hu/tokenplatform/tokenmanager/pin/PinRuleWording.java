package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokencrypto.pin.RuleResult;
import hu.tokenplatform.tokenmanager.cli.Messages;

import java.util.Map;

/**
 * One PIN rule in the user's words, from the policy's own numbers ("6 to 16 characters"): the same sentence on
 * the command line and in the windows, so a rule is worded once, as the token's policy evaluates it once.
 */
public final class PinRuleWording {

    private PinRuleWording() {
    }

    public static String of(Messages messages, RuleResult rule) {
        Map<String, Integer> p = rule.parameters();
        String key = "pin.rule." + rule.rule().name();
        return switch (rule.rule()) {
            case LENGTH -> messages.text(key, p.get("min"), p.get("max"));
            case CHARACTER_CLASSES -> messages.text(key, p.get("min"));
            case NO_LONG_RUNS, NO_SEQUENCES -> messages.text(key, p.get("max"));
            case NOT_RECENTLY_USED -> messages.text(key, p.get("count"));
            case ALLOWED_CHARACTERS -> messages.text(key);
        };
    }
}
