package hu.tokenplatform.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Instant queries to Prometheus' HTTP API ({@code GET /api/v1/query}), for the rates Prometheus computes over every
 * instance. Only the console's own fixed expressions are sent; an answer that is not a vector is no answer.
 */
@ApplicationScoped
public class PrometheusQueries {

    private static final Logger LOG = Logger.getLogger(PrometheusQueries.class);
    private static final int MAX_SERIES = 1_000;

    @Inject
    OpsConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public boolean configured() {
        return config.prometheusUrl().isPresent();
    }

    /** The query's vector, or empty when Prometheus is not configured, does not answer, or answers something else. */
    public CompletableFuture<Optional<List<Sample>>> vector(String promql) {
        if (config.prometheusUrl().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(Bodies.below(config.prometheusUrl().get(),
                        "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(config.timeout()).header("Accept", "application/json").GET().build();
        return Bodies.fetch(http, request, config.maxResponseBytes(), config.timeout()).thenApply(answer -> {
            try {
                return answer.status() == 200 ? samples(answer.body()) : Optional.<List<Sample>>empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).exceptionally(failure -> {
            LOG.debugf("Prometheus did not answer %s: %s", promql, failure.toString());
            return Optional.empty();
        });
    }

    /** {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[t,"1.5"]}]}}}. */
    Optional<List<Sample>> samples(String body) throws IOException {
        JsonNode root = json.readTree(body);
        JsonNode data = root.path("data");
        if (!"success".equals(root.path("status").asText()) || !"vector".equals(data.path("resultType").asText())) {
            return Optional.empty();
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            if (samples.size() == MAX_SERIES) {
                break;
            }
            Map<String, String> labels = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!label.getKey().equals("__name__") && labels.size() < MetricsText.MAX_LABELS) {
                    String value = label.getValue().asText();
                    labels.put(label.getKey(), value.length() <= MetricsText.MAX_LABEL_VALUE ? value : value.substring(0, MetricsText.MAX_LABEL_VALUE));
                }
            }
            try {
                samples.add(new Sample(series.path("metric").path("__name__").asText(""), labels,
                        MetricsText.value(series.path("value").path(1).asText())));
            } catch (MetricsFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(samples);
    }
}
