package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service sends its traces to the bank's OpenTelemetry Collector, over TLS, and its network policy lets exactly
 * that flow out: without the endpoint a service exports nothing, without the policy every export would be dropped.
 */
class TracesTest {

    private static final List<String> SERVICES = List.of("token-registry", "auth-service", "unlock-service");
    private static final String COLLECTOR = "https://otel-collector.observability:4317";

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyServiceExportsItsTracesToTheBanksCollectorOverTls(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        for (String service : SERVICES) {
            JsonNode deployment = rendered.named("Deployment", service);
            List<String> envFrom = new ArrayList<>();
            Rules.podSpec(deployment).path("containers").path(0).path("envFrom")
                    .forEach(source -> envFrom.add(source.path("configMapRef").path("name").asText()));
            assertTrue(envFrom.contains(service + "-env"), Overlay.describe(deployment));
            assertEquals(COLLECTOR, rendered.named("ConfigMap", service + "-env").path("data")
                    .path("OTEL_EXPORTER_OTLP_ENDPOINT").asText(), service);
            assertTrue(rendered.named("ConfigMap", service + "-config").path("data").path("application.properties").asText()
                    .contains("quarkus.otel.exporter.otlp.traces.tls-configuration-name=internal"), service);
        }
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyServicesPolicyLetsItsTracesReachTheCollectorAndNothingElseThere(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        for (String service : SERVICES) {
            List<JsonNode> toObservability = new ArrayList<>();
            rendered.named("NetworkPolicy", service).path("spec").path("egress").forEach(rule -> rule.path("to").forEach(peer -> {
                if ("observability".equals(peer.path("namespaceSelector").path("matchLabels")
                        .path("kubernetes.io/metadata.name").asText())) {
                    assertEquals("opentelemetry-collector",
                            peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText(), service);
                    toObservability.add(rule);
                }
            }));
            assertEquals(1, toObservability.size(), service);
            JsonNode ports = toObservability.get(0).path("ports");
            assertEquals(1, ports.size(), service);
            assertEquals("TCP", ports.path(0).path("protocol").asText(), service);
            assertEquals(4317, ports.path(0).path("port").asInt(), service);
        }
    }
}
