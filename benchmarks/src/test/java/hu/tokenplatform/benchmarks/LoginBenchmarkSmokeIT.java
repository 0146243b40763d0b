package hu.tokenplatform.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark end to end in its smoke mode, so that it keeps working: the platform started by run-platform.sh, four
 * users handed over, Keycloak's X.509 realm beside it, a few seconds of load per point. Asserts what was measured exists, not how fast: the machine
 * running CI is no benchmark machine.
 */
class LoginBenchmarkSmokeIT {

    @Test
    void theSmokeRunLogsInToEveryTargetAndWritesItsLoginsToTheReports() throws IOException {
        Path out = Path.of("target", "smoke-results").toAbsolutePath();
        BenchmarkReport report = LoginBenchmark.run(BenchmarkOptions.parse("--smoke", "--out", out.toString()));

        List<String> targets = List.of(BenchmarkReport.PLATFORM, BenchmarkReport.KEYCLOAK);
        Map<String, Long> logins = report.points().stream()
                .collect(Collectors.groupingBy(PointResult::target, Collectors.summingLong(PointResult::logins)));
        assertEquals(targets.stream().sorted().toList(), logins.keySet().stream().sorted().toList(), "targets measured");
        // smoke: concurrency 2 and 4, two rounds each
        assertEquals(targets.size() * 2 * 2, report.points().size(), "points: " + report.points());
        String markdown = Files.readString(out.resolve("logins.md"));
        String csv = Files.readString(out.resolve("logins.csv"));
        for (String target : targets) {
            assertTrue(logins.get(target) > 0, target + " logged nobody in: " + report.points());
            assertTrue(markdown.contains("| " + target + " | 2 | 1 |") && markdown.contains("| " + target + " | 4 | 2 |"), markdown);
            assertTrue(csv.lines().anyMatch(line -> line.startsWith(target + ",4,2,")), csv);
        }
        assertTrue(markdown.contains("CPU ms/login") && markdown.contains("auth-service CPU ms (RSS MB)")
                && markdown.contains("postgres CPU ms (RSS MB)"), markdown);
    }
}
