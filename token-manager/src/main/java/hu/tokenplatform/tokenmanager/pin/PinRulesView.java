package hu.tokenplatform.tokenmanager.pin;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokencrypto.pin.RuleResult;
import hu.tokenplatform.tokenmanager.cli.Terminal;

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
        return PinRuleWording.of(terminal.messages(), rule);
    }
}
