package hu.tokenplatform.tokencrypto.pin;

import java.util.List;

/** Every rule of the policy with met / not met, in {@link PinRule} order. */
public record PinEvaluation(List<RuleResult> results) {

    public PinEvaluation {
        results = List.copyOf(results);
    }

    public boolean acceptable() {
        return results.stream().allMatch(RuleResult::met);
    }

    public List<PinRule> unmet() {
        return results.stream().filter(r -> !r.met()).map(RuleResult::rule).toList();
    }
}
