package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every object every overlay renders is one the cluster accepts as written: Kubernetes and Strimzi objects read
 * into their typed models, CloudNativePG and Keycloak resources against their operators' published CRD schemas,
 * and in both cases a field nobody declares fails the build rather than being dropped by the API server.
 */
class ManifestsAreValidTest {

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyObjectReadsIntoItsTypedModelOrMatchesItsOperatorsSchemaWithNoUnknownField(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Overlay.rendered(overlay).objects()) {
            problems.addAll(problemsOf(object));
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void rendersTheWholePlatform(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        for (String deployment : List.of("token-registry", "auth-service", "unlock-service", "staff-console")) {
            rendered.named("Deployment", deployment);
        }
        rendered.named("Kafka", "platform-kafka");
        rendered.named("Keycloak", "keycloak");
        rendered.named("KeycloakRealmImport", "token-platform");
        for (String cluster : List.of("token-registry-db", "auth-service-db", "unlock-service-db", "keycloak-db")) {
            rendered.named("Cluster", cluster);
        }
    }

    @Test
    void aMisspeltFieldInAKubernetesObjectIsFound() {
        ObjectNode deployment = Overlay.rendered("overlays/prod").named("Deployment", "auth-service").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec")).put("automountServiceAccountTokens", false);
        assertFalse(problemsOf(deployment).isEmpty());
    }

    @Test
    void aMisplacedFieldInAStrimziObjectIsFound() {
        ObjectNode topic = Overlay.rendered("overlays/prod").named("KafkaTopic", "registry.users").deepCopy();
        ((ObjectNode) topic.path("spec")).put("minInsyncReplicas", 2);
        assertFalse(problemsOf(topic).isEmpty());
    }

    @Test
    void aFieldTheCrdDoesNotDeclareIsFound() {
        ObjectNode cluster = Overlay.rendered("overlays/prod").named("Cluster", "auth-service-db").deepCopy();
        ((ObjectNode) cluster.path("spec").path("storage")).put("sizeLimit", "1Gi");
        assertFalse(problemsOf(cluster).isEmpty());
        ObjectNode keycloak = Overlay.rendered("overlays/prod").named("Keycloak", "keycloak").deepCopy();
        ((ObjectNode) keycloak.path("spec")).put("replicas", 2);
        assertFalse(problemsOf(keycloak).isEmpty());
    }

    @Test
    void aValidObjectHasNoProblem() {
        assertTrue(problemsOf(Overlay.rendered("overlays/prod").named("ScheduledBackup", "auth-service-db-daily")).isEmpty());
    }

    private static List<String> problemsOf(ObjectNode object) {
        String name = Overlay.describe(object);
        var model = TypedModels.modelOf(object);
        if (model.isPresent()) {
            try {
                Object typed = TypedModels.read(object, model.get());
                return TypedModels.unknownFields(typed).stream().map(field -> name + ": unknown field " + field).toList();
            } catch (AssertionError e) {
                return List.of(e.getMessage());
            }
        }
        var schema = CrdSchemas.schemaOf(object);
        if (schema.isPresent()) {
            Set<ValidationMessage> messages = CrdSchemas.validate(schema.get(), object);
            return messages.stream().map(message -> name + ": " + message.getMessage()).toList();
        }
        return List.of(name + ": " + TypedModels.typeOf(object) + " has neither a typed model nor a vendored CRD schema");
    }
}
