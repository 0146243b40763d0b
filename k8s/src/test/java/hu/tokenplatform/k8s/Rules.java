package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small readers of rendered objects the rule tests share. */
final class Rules {

    private Rules() {
    }

    static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    static Stream<JsonNode> containers(JsonNode deployment) {
        List<JsonNode> all = new ArrayList<>();
        podSpec(deployment).path("initContainers").forEach(all::add);
        podSpec(deployment).path("containers").forEach(all::add);
        return all.stream();
    }

    static JsonNode env(JsonNode deployment, String name) {
        for (JsonNode variable : podSpec(deployment).path("containers").path(0).path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError(Overlay.describe(deployment) + " has no " + name);
    }

    /** Whether a label selector's matchLabels (the only form the manifests use) select these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("matchExpressions are not read by this check: " + selector);
        }
        for (Map.Entry<String, JsonNode> required : iterable(selector.path("matchLabels").fields())) {
            if (!required.getValue().asText().equals(labels.path(required.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
