package hu.tokenplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules, the local Prometheus configuration and the dashboards as files, before anything runs: promtool
 * checks and unit-tests the rules (deploy/prometheus/rules/token-platform.rules.test.yml), every dashboard query
 * parses, and the copies in k8s/base/monitoring are what render.sh makes of deploy/. That they name only exported
 * metrics is checked against the running platform, in {@link SeedStoryIT}.
 */
class MonitoringConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.root"));
    private static final Path RULES = ROOT.resolve("deploy/prometheus/rules");

    @Test
    void theAlertRulesAreValidAndPassTheirUnitTests() throws Exception {
        promtool(RULES, "check", "rules", "token-platform.rules.yml");
        promtool(RULES, "test", "rules", "token-platform.rules.test.yml");
    }

    @Test
    void theLocalPrometheusConfigurationIsValidOnceRunPlatformFillsItIn(@TempDir Path work) throws Exception {
        String config = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"))
                .replace("@RULES@", RULES.resolve("token-platform.rules.yml").toString())
                .replace("@REGISTRY_TARGETS@", "\"127.0.0.1:8081\", \"127.0.0.1:8091\"").replace("@AUTH_TARGETS@", "\"127.0.0.1:8082\"")
                .replace("@UNLOCK_TARGETS@", "\"127.0.0.1:8083\"");
        assertFalse(config.contains("@"), "run-platform.sh fills in every placeholder");
        Files.writeString(work.resolve("prometheus.yml"), config);
        promtool(work, "check", "config", "prometheus.yml");
    }

    /** Each query as a recording rule, so that promtool parses it; Grafana's $__rate_interval as a plain range. */
    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path work) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        Map<String, String> expressions = MonitoredMetrics.dashboardExpressions(ROOT);
        assertFalse(expressions.isEmpty());
        int n = 0;
        for (String expression : expressions.values()) {
            rules.append("      - record: dashboard:query_").append(++n).append('\n')
                    .append("        expr: ").append(json.writeValueAsString(expression.replace("$__rate_interval", "5m"))).append('\n');
        }
        Files.writeString(work.resolve("dashboards.rules.yml"), rules);
        promtool(work, "check", "rules", "dashboards.rules.yml");
    }

    @Test
    void everyDashboardHasItsOwnUidAndEveryPanelSaysWhatItShowsFromTheChosenPrometheus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                assertTrue(uids.add(dashboard.path("uid").asText()), file + ": uid used twice");
                for (JsonNode panel : dashboard.path("panels")) {
                    if (!panel.path("type").asText().equals("row")) {
                        String where = file.getFileName() + ", panel \"" + panel.path("title").asText() + "\"";
                        assertFalse(panel.path("description").asText().isBlank(), where + " has no description");
                        assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), where);
                    }
                }
            }
        }
        assertEquals(4, uids.size(), "platform overview, logins, helpdesk and unlock, events pipeline");
    }

    @Test
    void theKubernetesCopiesAreWhatRenderShMakesOfDeploy(@TempDir Path rendered) throws Exception {
        Path monitoring = ROOT.resolve("k8s/base/monitoring");
        run(ROOT, "bash", monitoring.resolve("render.sh").toString(), rendered.toString());
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rendered)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path committed = monitoring.resolve(rendered.relativize(file).toString());
                if (!Files.exists(committed) || Files.mismatch(file, committed) != -1) {
                    stale.add(ROOT.relativize(committed).toString());
                }
            }
        }
        try (Stream<Path> files = Files.list(monitoring.resolve("dashboards"))) {
            files.filter(f -> !Files.exists(rendered.resolve("dashboards").resolve(f.getFileName())))
                    .forEach(f -> stale.add(ROOT.relativize(f) + " (no longer in deploy/grafana)"));
        }
        assertEquals(List.of(), stale, "run k8s/base/monitoring/render.sh after editing deploy/prometheus or deploy/grafana");
    }

    private static void promtool(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        run(directory, command.toArray(String[]::new));
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError(command[0] + " is not installed: it comes with the Debian package prometheus, which .ci/run installs", notInstalled);
        }
        // Read to the end first: it ends when the process does, which then cannot block on a full pipe.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    }
}
