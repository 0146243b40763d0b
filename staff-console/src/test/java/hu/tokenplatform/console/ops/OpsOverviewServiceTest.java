package hu.tokenplatform.console.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overview without Prometheus: rates from the console's own scrapes, and what is missing shown as missing. */
class OpsOverviewServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Health READY = new Health("UP", List.of(new Health.Check("Kafka broker", "UP")));

    private final Scrapes scrapes = new Scrapes();
    private final OpsOverviewService service = new OpsOverviewService();

    OpsOverviewServiceTest() {
        service.scrapes = scrapes;
        service.prometheus = new NoPrometheus();
    }

    @Test
    void withoutPrometheusLoginsPerMinuteComeFromTheConsolesOwnTwoScrapesAndSaySo() {
        ServiceReading earlier = read(MonitoredService.AUTH_SERVICE, T0, logins("TOKEN", "succeeded", "none", 10));
        ServiceReading later = read(MonitoredService.AUTH_SERVICE, T0.plusSeconds(30), logins("TOKEN", "succeeded", "none", 16),
                logins("TOKEN", "failed", "certificate-revoked", 3), new Sample("auth_crl_seconds_until_stale", Map.of(), 5 * 3600));
        scrapes.baseline = Optional.of(earlier);
        scrapes.latest = List.of(read(MonitoredService.TOKEN_REGISTRY, T0.plusSeconds(30)), later,
                read(MonitoredService.UNLOCK_SERVICE, T0.plusSeconds(30), new Sample("unlock_codes_issued_total", Map.of(), 7)));

        OpsOverview overview = service.overview();

        assertEquals("scrapes", overview.logins().source());
        assertEquals(30, overview.logins().seconds());
        assertEquals("12", overview.logins().total("succeeded"));
        assertEquals("6", overview.logins().total("failed"));
        // 6 of 18 token logins a minute refused as certificate-revoked: past TokenLoginFailureRatioHigh's 10%.
        LoginRate revoked = overview.logins().rows().stream().filter(LoginRate::failed).findFirst().orElseThrow();
        assertEquals(Level.WARNING, revoked.level());
        assertEquals("since-start", overview.countsSource());
        assertEquals(Optional.of(7.0), overview.codesIssued().value());
        assertEquals(Level.WARNING, overview.crl().level(), "5 hours left: CrlGoingStale");
    }

    @Test
    void withOneScrapeOnlyTheRateIsStillBeingMeasuredNotZero() {
        scrapes.latest = List.of(read(MonitoredService.TOKEN_REGISTRY, T0),
                read(MonitoredService.AUTH_SERVICE, T0, logins("TOKEN", "succeeded", "none", 10)), read(MonitoredService.UNLOCK_SERVICE, T0));

        LoginRates logins = service.overview().logins();

        assertEquals("measuring", logins.source());
        assertFalse(logins.known());
        assertTrue(logins.rows().isEmpty());
    }

    @Test
    void anUnreachableServiceHasNoNumbersAndIsMarkedCritical() {
        ServiceReading unreachable = new ServiceReading(MonitoredService.AUTH_SERVICE, T0, Optional.empty(), Optional.of("unreachable"), Optional.empty());
        scrapes.latest = List.of(read(MonitoredService.TOKEN_REGISTRY, T0), unreachable, read(MonitoredService.UNLOCK_SERVICE, T0));

        OpsOverview overview = service.overview();

        assertEquals("unavailable", overview.logins().source());
        assertFalse(overview.crl().known());
        assertEquals("unreachable", overview.crl().note());
        assertEquals("—", overview.outboxBacklog().get(1).shown());
        ServiceStatus auth = overview.services().get(1);
        assertEquals("UNREACHABLE", auth.health());
        assertEquals(Level.CRITICAL, auth.level());
        assertEquals(Level.CRITICAL, overview.worst());
    }

    @Test
    void aMetricTheServiceDoesNotExportIsMissingNotZero() {
        scrapes.latest = List.of(read(MonitoredService.TOKEN_REGISTRY, T0), read(MonitoredService.AUTH_SERVICE, T0),
                read(MonitoredService.UNLOCK_SERVICE, T0));

        OpsOverview overview = service.overview();

        assertEquals("not-exported", overview.codesIssued().note());
        assertEquals("—", overview.codesIssued().shown());
        assertEquals("no-partitions", overview.consumerLag().get(0).note());
        assertEquals(Level.OK, overview.worst(), "nothing known is past a threshold");
    }

    @Test
    void deadLettersTheServiceCouldNotCountAreMissingNotNone() {
        scrapes.latest = List.of(
                read(MonitoredService.TOKEN_REGISTRY, T0, new Sample("events_dead_letter_records", Map.of("topic", "token-registry.dlq"), Double.NaN)),
                read(MonitoredService.AUTH_SERVICE, T0, new Sample("events_dead_letter_records", Map.of("topic", "auth-service.dlq"), 0)),
                read(MonitoredService.UNLOCK_SERVICE, T0));

        OpsOverview overview = service.overview();

        assertEquals("not-counted", overview.deadLetters().get(0).note());
        assertEquals("—", overview.deadLetters().get(0).shown());
        assertEquals(Optional.of(0.0), overview.deadLetters().get(1).value());
        assertEquals("not-exported", overview.deadLetters().get(2).note());
        assertEquals(Level.OK, overview.worst(), "nothing known is past a threshold");
    }

    @Test
    void thresholdsAreTheAlertRules() {
        assertEquals(Level.CRITICAL, Thresholds.crl(3599));
        assertEquals(Level.WARNING, Thresholds.crl(3600));
        assertEquals(Level.OK, Thresholds.crl(6 * 3600));
        assertEquals(Level.OK, Thresholds.consumerLag(100));
        assertEquals(Level.WARNING, Thresholds.consumerLag(101));
        assertEquals(Level.OK, Thresholds.deadLetters(0));
        assertEquals(Level.WARNING, Thresholds.deadLetters(1));
        // Too few token logins to judge a ratio (fewer than 20 in 15 minutes), as the alert's guard.
        assertEquals(Level.OK, Thresholds.login("TOKEN", "failed", "certificate-revoked", 1, 1.2, 1.2));
        assertEquals(Level.WARNING, Thresholds.login("TOKEN", "failed", "certificate-revoked", 1, 2, 2));
        assertEquals(Level.CRITICAL, Thresholds.login("TOKEN", "failed", "revocation-status-unknown", 1, 20, 20));
        assertEquals(Level.OK, Thresholds.login("PASSWORD", "failed", "invalid-credentials", 5, 0, 5));
    }

    private static Sample logins(String method, String outcome, String reason, double value) {
        return new Sample("auth_logins_total", Map.of("method", method, "client", "electra", "outcome", outcome, "reason", reason), value);
    }

    private static ServiceReading read(MonitoredService service, Instant at, Sample... samples) {
        return new ServiceReading(service, at, Optional.of(List.of(samples)), Optional.empty(), Optional.of(READY));
    }

    /** The console's scrapes as a test sets them. */
    static final class Scrapes extends PlatformScrapes {
        List<ServiceReading> latest = List.of();
        Optional<ServiceReading> baseline = Optional.empty();

        @Override
        public synchronized List<ServiceReading> current() {
            return latest;
        }

        @Override
        public synchronized Optional<ServiceReading> baseline(ServiceReading reading, Duration minimumSpan) {
            return baseline;
        }
    }

    /** No {@code console.ops.prometheus-url}. */
    static final class NoPrometheus extends PrometheusQueries {

        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public CompletableFuture<Optional<List<Sample>>> vector(String promql) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }
}
