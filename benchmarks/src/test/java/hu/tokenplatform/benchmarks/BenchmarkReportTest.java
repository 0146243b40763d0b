package hu.tokenplatform.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkReportTest {

    private static final BenchmarkReport.Machine MACHINE = new BenchmarkReport.Machine(2, "Test CPU", "JDK 17",
            Instant.parse("2026-12-07T20:00:00Z"), "LoginBenchmark --smoke");

    private static PointResult point(String target, int concurrency, int round, long logins, Map<String, Long> errors) {
        Map<String, PointResult.ProcessCost> processes = new LinkedHashMap<>();
        processes.put("auth-service", new PointResult.ProcessCost(1, 20.0, 400 * 1024));
        processes.put("postgres", new PointResult.ProcessCost(7, 10.0, 300 * 1024));
        return new PointResult(target, concurrency, round, 10.0, logins, errors, 100, 200, 300, processes);
    }

    @Test
    void theRatioIsThePlatformsLoginsPerSecondOverKeycloaksAtTheSameConcurrencyAndRound() {
        PointResult platform = point("platform", 16, 1, 600, Map.of());
        PointResult keycloak = point("keycloak", 16, 1, 200, Map.of());
        PointResult platformRoundTwo = point("platform", 16, 2, 500, Map.of());
        BenchmarkReport report = new BenchmarkReport(List.of(platform, keycloak, platformRoundTwo), MACHINE);
        assertEquals(3.0, report.ratio(platform).orElseThrow(), 1e-9);
        assertEquals(3.0, report.ratio(keycloak).orElseThrow(), 1e-9);
        assertTrue(report.ratio(platformRoundTwo).isEmpty(), "no Keycloak point in round 2");
    }

    @Test
    void theCsvHasALinePerPointAndProcessAndTheMarkdownNamesTheMachineAndEveryProcess() {
        PointResult platform = point("platform", 4, 1, 100, Map.of("complete-refused", 2L, "no-answer: HttpTimeoutException", 1L));
        BenchmarkReport report = new BenchmarkReport(List.of(platform), MACHINE);
        List<String> csv = report.csv().lines().toList();
        assertEquals(3, csv.size(), report.csv());
        assertTrue(csv.get(1).startsWith("platform,4,1,10.0,100,10.0,100.0,200.0,300.0,3,\"complete-refused=2; no-answer: HttpTimeoutException=1\",30.0,,auth-service,1,20.0,409600"), csv.get(1));
        assertTrue(csv.get(2).endsWith(",postgres,7,10.0,307200"), csv.get(2));
        String markdown = report.markdown();
        assertTrue(markdown.contains("2 cores, Test CPU") && markdown.contains("`LoginBenchmark --smoke`"), markdown);
        assertTrue(markdown.contains("| platform | 4 | 1 | 10.0 | 100.0 | 200.0 | 300.0 | complete-refused=2; no-answer: HttpTimeoutException=1 | 30.0 | 20.0 (400) | 10.0 (300) |  |"), markdown);
    }
}
