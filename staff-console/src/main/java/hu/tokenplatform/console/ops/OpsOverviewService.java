package hu.tokenplatform.console.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The platform at a glance for the operator: each service's readiness, tokens by state, logins per minute by outcome
 * and reason, unlock Codes and e-PIN lockouts, outbox backlog and consumer lag per service, and the CRL, each marked
 * against the alert rules' thresholds. From the services' own metrics; rates from Prometheus when it is configured.
 */
@ApplicationScoped
public class OpsOverviewService {

    /** Prometheus' expressions: the same metrics and groupings as the logins dashboard and the fraud alerts. */
    static final String LOGINS_PER_MINUTE = "sum by (method, outcome, reason) (rate(auth_logins_total[5m])) * 60";
    static final String AUTH_SCRAPED = "min(up{job=\"auth-service\"})";
    static final String CODES_LAST_HOUR = "sum(increase(unlock_codes_issued_total[1h]))";
    static final String LOCKOUTS_LAST_HOUR = "sum(increase(unlock_e_pin_lockouts_total[1h]))";
    static final String LOCKED_VERIFICATIONS_LAST_HOUR =
            "sum(increase(unlock_caller_verifications_total{outcome=\"e-pin-locked\"}[1h]))";
    static final long PROMETHEUS_RATE_SECONDS = Duration.ofMinutes(5).toSeconds();

    /** Two scrapes closer than this give a rate too noisy to show. */
    static final Duration MINIMUM_SPAN = Duration.ofSeconds(20);

    @Inject
    PlatformScrapes scrapes;

    @Inject
    PrometheusQueries prometheus;

    public OpsOverview overview() {
        CompletableFuture<Optional<List<Sample>>> logins = prometheus.vector(LOGINS_PER_MINUTE);
        CompletableFuture<Optional<List<Sample>>> authScraped = prometheus.vector(AUTH_SCRAPED);
        CompletableFuture<Optional<List<Sample>>> codes = prometheus.vector(CODES_LAST_HOUR);
        CompletableFuture<Optional<List<Sample>>> lockouts = prometheus.vector(LOCKOUTS_LAST_HOUR);
        CompletableFuture<Optional<List<Sample>>> locked = prometheus.vector(LOCKED_VERIFICATIONS_LAST_HOUR);

        Map<MonitoredService, ServiceReading> readings = new EnumMap<>(MonitoredService.class);
        scrapes.current().forEach(reading -> readings.put(reading.service(), reading));
        ServiceReading registry = readings.get(MonitoredService.TOKEN_REGISTRY);
        ServiceReading auth = readings.get(MonitoredService.AUTH_SERVICE);
        ServiceReading unlock = readings.get(MonitoredService.UNLOCK_SERVICE);

        List<Figure> tokens = registry.series("registry_tokens").stream()
                .map(s -> Figure.of(s.label("state"), s.value(), Level.OK)).toList();

        boolean hourly = prometheus.configured();
        Figure codesIssued = hourly
                ? hourlyCount("unlock_codes_issued", codes.join(), v -> Thresholds.above(v, Thresholds.CODES_PER_HOUR))
                : sinceStart(unlock, "unlock_codes_issued_total");
        Figure ePinLockouts = hourly
                ? hourlyCount("unlock_e_pin_lockouts", lockouts.join(), v -> Level.OK)
                : sinceStart(unlock, "unlock_e_pin_lockouts_total");
        Figure lockedVerifications = hourly
                ? hourlyCount("e-pin-locked", locked.join(), v -> Thresholds.above(v, Thresholds.LOCKED_VERIFICATIONS_PER_HOUR))
                : sinceStart(unlock, "unlock_caller_verifications_total", s -> s.label("outcome").equals("e-pin-locked"));

        List<Figure> backlog = new ArrayList<>();
        List<Figure> lag = new ArrayList<>();
        List<Figure> deadLetters = new ArrayList<>();
        List<ServiceStatus> services = new ArrayList<>();
        for (ServiceReading reading : readings.values()) {
            MonitoredService service = reading.service();
            backlog.add(reading.metricsRead()
                    ? reading.value(service.backlogMetric()).map(v -> Figure.of(service.id(), v, Thresholds.backlog(v)))
                            .orElse(Figure.missing(service.id(), "not-exported"))
                    : Figure.missing(service.id(), reading.metricsProblem().orElse("")));
            lag.add(consumerLag(reading));
            deadLetters.add(deadLetters(reading));
            services.add(status(reading));
        }

        Figure crl = auth.metricsRead()
                ? auth.value("auth_crl_seconds_until_stale")
                        .map(seconds -> Figure.of("crl", seconds / 3600, Thresholds.crl(seconds)))
                        .orElse(Figure.missing("crl", "not-exported"))
                : Figure.missing("crl", auth.metricsProblem().orElse(""));
        Figure projection = auth.value("auth_projection_current")
                .map(v -> Figure.of("projection", v, Thresholds.projection(v)))
                .orElse(Figure.missing("projection", auth.metricsProblem().orElse("not-exported")));

        return new OpsOverview(registry.at(), services, tokens, registry.metricsRead(),
                loginRates(auth, logins.join(), authScraped.join()), hourly ? "hour" : "since-start",
                codesIssued, ePinLockouts, lockedVerifications, backlog, lag, deadLetters, crl, projection);
    }

    /** Prometheus' rates while it answers and scrapes auth-service; else the console's own two scrapes. */
    private LoginRates loginRates(ServiceReading auth, Optional<List<Sample>> fromPrometheus, Optional<List<Sample>> authScraped) {
        boolean prometheusAnswered = fromPrometheus.isPresent()
                && authScraped.filter(up -> !up.isEmpty() && up.get(0).value() == 1).isPresent();
        if (prometheusAnswered) {
            List<LoginRate> rows = judged(fromPrometheus.get().stream()
                    .map(s -> new LoginRate(s.label("method"), s.label("outcome"), s.label("reason"), s.value(), Level.OK))
                    .filter(r -> !Double.isNaN(r.perMinute())).toList());
            return new LoginRates("prometheus", PROMETHEUS_RATE_SECONDS, false, rows);
        }
        boolean prometheusFailed = prometheus.configured();
        if (!auth.metricsRead()) {
            return new LoginRates("unavailable", 0, prometheusFailed, List.of());
        }
        Optional<ServiceReading> baseline = scrapes.baseline(auth, MINIMUM_SPAN);
        if (baseline.isEmpty()) {
            return new LoginRates("measuring", 0, prometheusFailed, List.of());
        }
        Duration span = Duration.between(baseline.get().at(), auth.at());
        Map<List<String>, Double> rates = CounterRates.perMinute(baseline.get().samples().orElseThrow(), auth.samples().orElseThrow(),
                span, "auth_logins_total", s -> List.of(s.label("method"), s.label("outcome"), s.label("reason")));
        List<LoginRate> rows = judged(rates.entrySet().stream()
                .map(e -> new LoginRate(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue(), Level.OK)).toList());
        return new LoginRates("scrapes", span.toSeconds(), prometheusFailed, rows);
    }

    /** Each row against the thresholds, successes first, then the most frequent. */
    private static List<LoginRate> judged(List<LoginRate> rows) {
        double all = rows.stream().mapToDouble(LoginRate::perMinute).sum();
        double token = rows.stream().filter(r -> r.method().equals("TOKEN")).mapToDouble(LoginRate::perMinute).sum();
        return rows.stream()
                .map(r -> new LoginRate(r.method(), r.outcome(), r.reason(), r.perMinute(),
                        Thresholds.login(r.method(), r.outcome(), r.reason(), r.perMinute(), token, all)))
                .sorted(Comparator.comparing(LoginRate::failed).thenComparing(LoginRate::perMinute, Comparator.reverseOrder())
                        .thenComparing(LoginRate::method).thenComparing(LoginRate::reason))
                .toList();
    }

    /**
     * The records waiting in the service's dead-letter topic (service-kit's {@code DeadLetterRecordsGauge}); NaN, the
     * service's broker not answering its count, is shown as not counted, never as none.
     */
    private static Figure deadLetters(ServiceReading reading) {
        String id = reading.service().id();
        if (!reading.metricsRead()) {
            return Figure.missing(id, reading.metricsProblem().orElse(""));
        }
        return reading.series("events_dead_letter_records").stream().findFirst()
                .map(s -> Double.isNaN(s.value()) ? Figure.missing(id, "not-counted")
                        : Figure.of(id, s.value(), Thresholds.deadLetters(s.value())).withNote(s.label("topic")))
                .orElse(Figure.missing(id, "not-exported"));
    }

    /** The largest lag of any partition the service reads, with the consumer's client id; NaN (unassigned) left out. */
    private static Figure consumerLag(ServiceReading reading) {
        String id = reading.service().id();
        if (!reading.metricsRead()) {
            return Figure.missing(id, reading.metricsProblem().orElse(""));
        }
        return reading.series("kafka_consumer_fetch_manager_records_lag").stream()
                .filter(s -> !Double.isNaN(s.value()))
                .max(Comparator.comparingDouble(Sample::value))
                .map(s -> Figure.of(id, s.value(), Thresholds.consumerLag(s.value())).withNote(s.label("client_id")))
                .orElse(Figure.missing(id, "no-partitions"));
    }

    private static ServiceStatus status(ServiceReading reading) {
        String problem = reading.metricsProblem().orElse("");
        if (reading.health().isEmpty()) {
            return new ServiceStatus(reading.service().id(), "UNREACHABLE", List.of(), problem, Level.CRITICAL);
        }
        Health health = reading.health().get();
        Level level = !health.up() ? Level.CRITICAL : problem.isEmpty() ? Level.OK : Level.WARNING;
        return new ServiceStatus(reading.service().id(), health.status(), health.checks(), problem, level);
    }

    /**
     * A count over the last hour from Prometheus, rounded: {@code increase} extrapolates to the window's edges, so
     * two Codes may come back as 2.1, and a Code is whole.
     */
    private static Figure hourlyCount(String label, Optional<List<Sample>> vector, java.util.function.DoubleFunction<Level> level) {
        return vector.filter(v -> !v.isEmpty() && !Double.isNaN(v.get(0).value()))
                .map(v -> (double) Math.round(v.get(0).value()))
                .map(count -> Figure.of(label, count, level.apply(count)))
                .orElse(Figure.missing(label, "prometheus-unavailable"));
    }

    private static Figure sinceStart(ServiceReading unlock, String metric) {
        return sinceStart(unlock, metric, s -> true);
    }

    private static Figure sinceStart(ServiceReading unlock, String metric, java.util.function.Predicate<Sample> filter) {
        if (!unlock.metricsRead()) {
            return Figure.missing(metric, unlock.metricsProblem().orElse(""));
        }
        return unlock.value(metric, filter).map(v -> Figure.of(metric, v, Level.OK)).orElse(Figure.missing(metric, "not-exported"));
    }
}
