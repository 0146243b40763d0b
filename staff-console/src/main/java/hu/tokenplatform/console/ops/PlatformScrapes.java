package hu.tokenplatform.console.ops;

import hu.tokenplatform.console.ops.Bodies.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads each service's {@code /q/metrics} and {@code /q/health/ready} (both on the service's main port, without a
 * staff login: the same endpoints Prometheus scrapes) and keeps the readings of the last few minutes, from which
 * per-minute rates are computed when no Prometheus is configured. The services are read in parallel; a reading
 * younger than {@code console.ops.reuse-scrapes-for} is reused, so that open Ops screens do not multiply the load.
 */
@ApplicationScoped
public class PlatformScrapes {

    private static final Logger LOG = Logger.getLogger(PlatformScrapes.class);
    /** Check names are shown on the page: bounded like any text from another process. */
    private static final int MAX_CHECK_NAME = 100;
    private static final int MAX_CHECKS = 20;

    @Inject
    OpsConfig config;

    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemUTC();

    private HttpClient http;
    private final Map<MonitoredService, Deque<ServiceReading>> history = new EnumMap<>(MonitoredService.class);

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        for (MonitoredService service : MonitoredService.values()) {
            history.put(service, new ArrayDeque<>());
        }
    }

    /** The latest reading of every service, read now unless a recent one is at hand. */
    public synchronized List<ServiceReading> current() {
        Instant now = clock.instant();
        boolean fresh = history.values().stream().allMatch(readings -> !readings.isEmpty()
                && Duration.between(readings.peekLast().at(), now).compareTo(config.reuseScrapesFor()) < 0);
        if (!fresh) {
            Map<MonitoredService, CompletableFuture<ServiceReading>> reads = new EnumMap<>(MonitoredService.class);
            for (MonitoredService service : MonitoredService.values()) {
                reads.put(service, read(service, now));
            }
            reads.forEach((service, reading) -> remember(reading.join(), now));
        }
        return history.values().stream().map(Deque::peekLast).toList();
    }

    /**
     * The oldest reading with metrics that is at least {@code minimumSpan} older than {@code latest}, within the
     * rate window: the other end of a rate. Empty in the console's first moments, or when every reading failed.
     */
    public synchronized Optional<ServiceReading> baseline(ServiceReading latest, Duration minimumSpan) {
        return history.get(latest.service()).stream()
                .filter(ServiceReading::metricsRead)
                .filter(r -> !r.at().isAfter(latest.at().minus(minimumSpan)))
                .findFirst();
    }

    private void remember(ServiceReading reading, Instant now) {
        Deque<ServiceReading> readings = history.get(reading.service());
        readings.addLast(reading);
        Instant horizon = now.minus(config.rateWindow());
        while (readings.size() > 1 && readings.peekFirst().at().isBefore(horizon)) {
            readings.removeFirst();
        }
    }

    private CompletableFuture<ServiceReading> read(MonitoredService service, Instant at) {
        CompletableFuture<Object> metrics = get(Bodies.below(config.baseUrl(service), "/q/metrics"), "text/plain; version=0.0.4")
                .handle((answer, failure) -> metrics(service, answer, failure));
        CompletableFuture<Optional<Health>> health = get(Bodies.below(config.baseUrl(service), "/q/health/ready"), "application/json")
                .handle((answer, failure) -> health(service, answer, failure));
        return metrics.thenCombine(health, (m, h) -> m instanceof String problem
                ? new ServiceReading(service, at, Optional.empty(), Optional.of(problem), h)
                : new ServiceReading(service, at, Optional.of(castSamples(m)), Optional.empty(), h));
    }

    @SuppressWarnings("unchecked")
    private static List<Sample> castSamples(Object samples) {
        return (List<Sample>) samples;
    }

    /** The samples, or the problem's code: {@code unreachable}, {@code refused}, {@code too-large}, {@code unreadable}. */
    private Object metrics(MonitoredService service, Answer answer, Throwable failure) {
        if (failure != null) {
            LOG.debugf("Metrics of %s not read: %s", service.id(), failure.toString());
            return causedBy(failure, Bodies.TooLarge.class) ? "too-large" : "unreachable";
        }
        if (answer.status() != 200) {
            return "refused";
        }
        try {
            return MetricsText.parse(answer.body());
        } catch (MetricsFormatException e) {
            LOG.warnf("Metrics of %s are not in Prometheus' text format: %s", service.id(), e.getMessage());
            return "unreadable";
        }
    }

    /** Readiness answers 200 when UP and 503 when DOWN, both with the checks; anything else is no answer. */
    private Optional<Health> health(MonitoredService service, Answer answer, Throwable failure) {
        if (failure != null || (answer.status() != 200 && answer.status() != 503)) {
            return Optional.empty();
        }
        try {
            JsonNode root = json.readTree(answer.body());
            List<Health.Check> checks = new ArrayList<>();
            for (JsonNode check : root.path("checks")) {
                if (checks.size() == MAX_CHECKS) {
                    break;
                }
                checks.add(new Health.Check(bounded(check.path("name").asText()), statusOf(check.path("status").asText())));
            }
            return Optional.of(new Health(statusOf(root.path("status").asText()), checks));
        } catch (IOException e) {
            LOG.debugf("Readiness of %s is not JSON", service.id());
            return Optional.empty();
        }
    }

    /** Only the two words of MicroProfile Health; anything else is shown as DOWN, not passed on. */
    private static String statusOf(String status) {
        return "UP".equals(status) ? "UP" : "DOWN";
    }

    private static String bounded(String text) {
        return text.length() <= MAX_CHECK_NAME ? text : text.substring(0, MAX_CHECK_NAME) + "…";
    }

    private CompletableFuture<Answer> get(java.net.URI uri, String accept) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout()).header("Accept", accept).GET().build();
        return Bodies.fetch(http, request, config.maxResponseBytes(), config.timeout());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
