package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the platform's alerts and dashboards read, so that a test can hold them against what the
 * services export: a renamed counter must fail the build, not leave an alert that can never fire.
 */
final class MonitoredMetrics {

    /** Series Prometheus makes itself, not the services: scrape health and the alerts it evaluates. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "ALERTS");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything that is not a metric name: strings, label matchers, ranges and label lists of grouping clauses. */
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier not inside a number or duration ({@code 1e3}, {@code 1w}) and not called as a function. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan");

    private MonitoredMetrics() {
    }

    /** The metric names a PromQL expression reads. */
    static Set<String> namesIn(String promql) {
        String bare = STRINGS.matcher(promql).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = LABEL_LISTS.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (!KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every expression of the Grafana dashboards in {@code deploy/grafana}, by where it is used. */
    static Map<String, String> dashboardExpressions(Path root) {
        Map<String, String> expressions = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve("deploy/grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    int target = 0;
                    for (JsonNode query : panel.path("targets")) {
                        expressions.put("dashboard " + file.getFileName() + ", panel \"" + panel.path("title").asText() + "\" #" + (++target),
                                query.path("expr").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /** Every expression of the rules a running Prometheus has loaded ({@code /api/v1/rules}), by rule. */
    static Map<String, String> ruleExpressions(JsonNode rulesResponse) {
        Map<String, String> expressions = new TreeMap<>();
        for (JsonNode group : rulesResponse.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put(rule.path("type").asText() + " " + rule.path("name").asText(), rule.path("query").asText());
            }
        }
        return expressions;
    }

    /** The metric names in a Prometheus text exposition ({@code /q/metrics}). */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }

    /** Each use of a metric name that is neither exported nor made by Prometheus, as "name (where)". */
    static List<String> unexported(Map<String, String> expressionsByUse, Set<String> exported) {
        List<String> missing = new ArrayList<>();
        expressionsByUse.forEach((use, expression) -> namesIn(expression).stream()
                .filter(name -> !exported.contains(name) && !MADE_BY_PROMETHEUS.contains(name))
                .forEach(name -> missing.add(name + " (" + use + ")")));
        return missing;
    }
}
