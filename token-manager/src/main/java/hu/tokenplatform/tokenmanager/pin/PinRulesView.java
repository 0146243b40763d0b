package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokencrypto.pin.RuleResult;
import hu.tokenplatform.tokenmanager.cli.Terminal;

import java.util.Map;

/** The PIN rules on screen, worded from the policy's own numbers, each marked met {@code [x]} or not {@code [ ]}. */
final class PinRulesView {

    private PinRulesView() {
    }

    /** The rules before the user types (evaluated for an empty PIN, so only the wording matters). */
    static void showRules(Terminal terminal, PinEvaluation rules) {
        terminal.say("pin.rules");
        for (RuleResult rule : rules.results()) {
            terminal.sayRaw("  - " + wording(terminal, rule));
        }
    }

    /** Every rule with its mark, so the user sees what to change. */
    static void showEvaluation(Terminal terminal, PinEvaluation evaluation) {
        for (RuleResult rule : evaluation.results()) {
            terminal.sayRaw("  " + (rule.met() ? "[x] " : "[ ] ") + wording(terminal, rule));
        }
    }

    static String wording(Terminal terminal, RuleResult rule) {
        Map<String, Integer> p = rule.parameters();
        String key = "pin.rule." + rule.rule().name();
        return switch (rule.rule()) {
            case LENGTH -> terminal.text(key, p.get("min"), p.get("max"));
            case CHARACTER_CLASSES -> terminal.text(key, p.get("min"));
            case NO_LONG_RUNS, NO_SEQUENCES -> terminal.text(key, p.get("max"));
            case NOT_RECENTLY_USED -> terminal.text(key, p.get("count"));
            case ALLOWED_CHARACTERS -> terminal.text(key);
        };
    }
}
