package hu.tokenplatform.console.ops;

import java.util.Map;

/** One line of a metrics exposition: the metric's name, its labels and its value (NaN and ±Inf included). */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    /** The label's value, or the empty string when the sample has no such label (as PromQL treats it). */
    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
