package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's own rules for what runs in the cluster, checked on every overlay as rendered. */
class PlatformRulesTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|PEPPER|TOKEN|HASH).*|.*_KEY");
    /** Thirty-two or more characters of base64 or hex and nothing else: key material, not a setting. */
    private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyServiceProbesStartedLiveAndReadyOnQuarkusHealth(String overlay) {
        Overlay.rendered(overlay).ofKind("Deployment").forEach(deployment -> {
            JsonNode container = Rules.podSpec(deployment).path("containers").path(0);
            assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), Overlay.describe(deployment));
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), Overlay.describe(deployment));
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), Overlay.describe(deployment));
        });
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyContainerRequestsAndIsLimitedInCpuAndMemory(String overlay) {
        Overlay.rendered(overlay).ofKind("Deployment").forEach(deployment -> Rules.containers(deployment).forEach(container -> {
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(container.path("resources").path(bound).path(resource).asText().isEmpty(),
                            Overlay.describe(deployment) + " container " + container.path("name").asText() + " has no " + bound + "." + resource);
                }
            }
        }));
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyPodRunsAsNonRootOnAReadOnlyRootFilesystemWithoutAServiceAccountToken(String overlay) {
        Overlay.rendered(overlay).ofKind("Deployment").forEach(deployment -> {
            String name = Overlay.describe(deployment);
            JsonNode pod = Rules.podSpec(deployment);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(false), name);
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), name);
            Rules.containers(deployment).forEach(container -> {
                JsonNode security = container.path("securityContext");
                String which = name + " container " + container.path("name").asText();
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false), which);
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), which);
                assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), which);
                assertFalse(security.path("privileged").asBoolean(false), which);
            });
            assertTrue(mountsOf(pod).contains("/tmp"), name + " has no writable /tmp");
        });
        Overlay.rendered(overlay).ofKind("ServiceAccount").forEach(account ->
                assertFalse(account.path("automountServiceAccountToken").asBoolean(true), Overlay.describe(account)));
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyDeploymentHasADisruptionBudgetAnAutoscalerAndSpreadsOverZonesAndNodes(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        rendered.ofKind("Deployment").forEach(deployment -> {
            String name = Overlay.describe(deployment);
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            assertTrue(rendered.ofKind("PodDisruptionBudget").anyMatch(pdb -> Rules.selects(pdb.path("spec").path("selector"), labels)),
                    name + " has no PodDisruptionBudget");
            assertTrue(rendered.ofKind("HorizontalPodAutoscaler").anyMatch(hpa ->
                    Overlay.nameOf(deployment).equals(hpa.path("spec").path("scaleTargetRef").path("name").asText())), name + " has no autoscaler");
            Set<String> spreadOver = new TreeSet<>();
            Rules.podSpec(deployment).path("topologySpreadConstraints").forEach(spread -> spreadOver.add(spread.path("topologyKey").asText()));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), spreadOver, name);
        });
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everythingIsDeniedByDefaultAndEveryPodHasANetworkPolicyOfItsOwn(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        JsonNode deny = rendered.named("NetworkPolicy", "default-deny").path("spec");
        assertEquals("{}", deny.path("podSelector").toString());
        assertEquals("[\"Ingress\",\"Egress\"]", deny.path("policyTypes").toString());
        assertTrue(deny.path("ingress").isMissingNode() && deny.path("egress").isMissingNode());
        rendered.ofKind("Deployment").forEach(deployment -> {
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            List<String> policies = rendered.ofKind("NetworkPolicy")
                    .filter(policy -> !policy.path("spec").path("podSelector").path("matchLabels").isMissingNode())
                    .filter(policy -> Rules.selects(policy.path("spec").path("podSelector"), labels))
                    .map(Overlay::nameOf).toList();
            assertEquals(List.of(Overlay.nameOf(deployment)), policies, Overlay.describe(deployment));
        });
        for (String cluster : List.of("token-registry-db", "auth-service-db", "unlock-service-db", "keycloak-db")) {
            rendered.named("NetworkPolicy", cluster);
        }
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyImageIsPinnedToAVersionNeverLatest(String overlay) {
        List<String> images = new ArrayList<>();
        Overlay rendered = Overlay.rendered(overlay);
        rendered.ofKind("Deployment").forEach(deployment -> Rules.containers(deployment).forEach(container ->
                images.add(container.path("image").asText())));
        rendered.ofKind("Keycloak").forEach(keycloak -> images.add(keycloak.path("spec").path("image").asText()));
        rendered.ofKind("Cluster").forEach(cluster -> images.add(cluster.path("spec").path("imageName").asText()));
        assertFalse(images.isEmpty());
        for (String image : images) {
            String tag = image.contains("@") ? image.substring(image.indexOf('@')) : image.substring(image.lastIndexOf('/') + 1);
            assertTrue(tag.startsWith("@sha256:") || tag.matches("[^:]+:[0-9][^:]*"), image + " is not pinned to a version");
            assertFalse(image.contains(":latest"), image);
        }
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void noSecretValueIsCommitted(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        assertEquals(List.of(), rendered.ofKind("Secret").map(Overlay::describe).toList(), "Secrets are referenced, never committed");
        rendered.ofKind("Deployment").forEach(deployment -> Rules.containers(deployment).forEach(container -> {
            for (JsonNode variable : container.path("env")) {
                String name = variable.path("name").asText();
                if (variable.has("value")) {
                    assertFalse(SECRET_NAME.matcher(name).matches(), Overlay.describe(deployment) + ": " + name + " must come from a Secret");
                    assertFalse(KEY_MATERIAL.matcher(variable.path("value").asText()).matches(), Overlay.describe(deployment) + ": " + name);
                }
            }
        }));
        rendered.ofKind("ConfigMap").forEach(map -> map.path("data").fields().forEachRemaining(entry -> {
            String where = Overlay.describe(map) + ": " + entry.getKey();
            String value = entry.getValue().asText();
            assertFalse(KEY_MATERIAL.matcher(value).matches(), where + " looks like key material");
            boolean aPath = value.startsWith("/");
            assertTrue(aPath || !SECRET_NAME.matcher(entry.getKey()).matches(), where + " must come from a Secret");
        }));
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everySecretTheManifestsReferToIsNamedInTheOperationsGuide(String overlay) throws IOException {
        String guide = Files.readString(Overlay.k8sDir().resolve("../docs/operations.md"));
        Set<String> referenced = new TreeSet<>();
        Overlay.rendered(overlay).objects().forEach(object -> collectSecretNames(object, referenced));
        assertFalse(referenced.isEmpty());
        List<String> missing = referenced.stream().filter(name -> !guide.contains("`" + name + "`")).toList();
        assertEquals(List.of(), missing, "Secrets referenced but not named in docs/operations.md");
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyDatabaseIsBackedUpDailyToTheObjectStore(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        rendered.ofKind("Cluster").forEach(cluster -> {
            String name = Overlay.nameOf(cluster);
            JsonNode plugin = cluster.path("spec").path("plugins").path(0);
            assertTrue(plugin.path("isWALArchiver").asBoolean(false), name + " archives no WAL");
            rendered.named("ObjectStore", plugin.path("parameters").path("barmanObjectName").asText());
            assertTrue(rendered.ofKind("ScheduledBackup").anyMatch(backup ->
                    name.equals(backup.path("spec").path("cluster").path("name").asText())), name + " has no ScheduledBackup");
            assertFalse(cluster.path("spec").path("enableSuperuserAccess").asBoolean(true), name);
        });
    }

    @Test
    void productionRunsThreePostgresInstancesWithASynchronousStandbyForEveryDatabase() {
        Overlay.rendered("overlays/prod").ofKind("Cluster").forEach(cluster -> {
            assertEquals(3, cluster.path("spec").path("instances").asInt(), Overlay.describe(cluster));
            assertEquals("required", cluster.path("spec").path("postgresql").path("synchronous").path("dataDurability").asText(),
                    Overlay.describe(cluster));
        });
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyServiceImageIsBuiltByItsJvmDockerfileAsUser185FromAPinnedBase(String overlay) throws IOException {
        for (JsonNode deployment : Overlay.rendered(overlay).ofKind("Deployment").toList()) {
            String service = Overlay.nameOf(deployment);
            String dockerfile = Files.readString(Overlay.k8sDir().resolve("../" + service + "/src/main/docker/Dockerfile.jvm"));
            assertTrue(dockerfile.contains("-t " + Rules.podSpec(deployment).path("containers").path(0).path("image").asText() + " "),
                    service + "'s Dockerfile does not build the image the manifests run");
            assertTrue(Pattern.compile("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+$").matcher(dockerfile).find(), service);
            assertTrue(Pattern.compile("(?m)^USER 185$").matcher(dockerfile).find(), service);
        }
    }

    private static Set<String> mountsOf(JsonNode pod) {
        Set<String> paths = new TreeSet<>();
        pod.path("containers").forEach(container -> container.path("volumeMounts").forEach(mount -> paths.add(mount.path("mountPath").asText())));
        return paths;
    }

    /** Secret names wherever an object refers to one: env, volumes, operators' secret references. */
    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : Rules.iterable(node.fields())) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.equals("secretName") && value.isTextual()) {
                    names.add(value.asText());
                } else if ((key.equals("secretKeyRef") || key.equals("secret") || key.endsWith("Secret")
                        || key.equals("accessKeyId") || key.equals("secretAccessKey")) && value.path("name").isTextual()) {
                    names.add(value.path("name").asText());
                } else if (key.endsWith("Secret") && value.isTextual()) {
                    names.add(value.asText());
                }
                collectSecretNames(value, names);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectSecretNames(item, names));
        }
    }
}
