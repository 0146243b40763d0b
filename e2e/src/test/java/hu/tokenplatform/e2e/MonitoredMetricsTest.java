package hu.tokenplatform.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MonitoredMetricsTest {

    @Test
    void namesAreTheSelectedSeriesNotLabelsFunctionsKeywordsOrDurations() {
        assertEquals(Set.of("auth_logins_total"), MonitoredMetrics.namesIn("""
                sum by (reason) (rate(auth_logins_total{method="TOKEN", outcome="failed"}[15m]))
                  / ignoring (reason) group_left sum(rate(auth_logins_total{method="TOKEN"}[$__rate_interval]))
                > 0.10 and on () sum(increase(auth_logins_total[15m] offset 1w)) >= 2e1"""));
        assertEquals(Set.of("registry_outbox_backlog", "unlock_outbox_backlog"), MonitoredMetrics.namesIn(
                "(registry_outbox_backlog and delta(registry_outbox_backlog[10m]) > 0) or unlock_outbox_backlog > bool 0"));
        assertEquals(Set.of("up"), MonitoredMetrics.namesIn("absent(up{job=\"auth-service\", instance=~\"a{1}\"})"));
        assertEquals(Set.of("auth_crl_seconds_until_stale"), MonitoredMetrics.namesIn("auth_crl_seconds_until_stale < 6 * 3600"));
    }

    @Test
    void exportedNamesAreReadFromTheExpositionWithoutCommentsOrLabels() {
        assertEquals(Set.of("unlock_codes_issued_total", "registry_tokens"), MonitoredMetrics.exported("""
                # HELP unlock_codes_issued_total Unlock codes
                # TYPE unlock_codes_issued_total counter
                unlock_codes_issued_total 3.0
                registry_tokens{state="ACTIVE"} 1.0
                """));
    }

    @Test
    void aNameNeitherExportedNorMadeByPrometheusIsReportedWithWhereItIsUsed() {
        assertEquals(List.of("registry_certificates_expiring (alert CertificatesExpiring)"), MonitoredMetrics.unexported(
                Map.of("alert CertificatesExpiring", "sum(registry_certificates_expiring) > 100 unless up == 0",
                        "alert ServiceDown", "up == 0"),
                Set.of("registry_certificates")));
    }
}
