package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.kafkasetup.AccessPolicy;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Strimzi broker enforces exactly what the local broker does: the topics of libs/events, one KafkaUser per
 * BrokerPrincipal, and ACLs equal to libs/kafka-setup AccessPolicy, binding for binding. Production keeps every
 * event on three replicas and acknowledges it only on two.
 */
class KafkaAccessTest {

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void kafkaUsersGrantExactlyWhatTheLocalBrokersAccessPolicyGrants(String overlay) {
        Set<AclBinding> granted = new HashSet<>();
        Overlay.rendered(overlay).ofKind("KafkaUser").forEach(user -> {
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(), Overlay.describe(user));
            assertEquals("simple", user.path("spec").path("authorization").path("type").asText(), Overlay.describe(user));
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                for (JsonNode operation : acl.path("operations")) {
                    granted.add(binding(Overlay.nameOf(user), acl, operation.asText()));
                }
            }
        });
        assertEquals(AccessPolicy.aclBindings(), granted);
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void everyPrincipalIsAKafkaUserAndNothingElseIs(String overlay) {
        assertEquals(Arrays.stream(BrokerPrincipal.values()).map(BrokerPrincipal::username).collect(Collectors.toSet()),
                Overlay.rendered(overlay).ofKind("KafkaUser").map(Overlay::nameOf).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void theTopicsAreThoseOfTheEventCatalogueAndTheirDeadLetters(String overlay) {
        assertEquals(Set.copyOf(BrokerPrincipal.allTopics()),
                Overlay.rendered(overlay).ofKind("KafkaTopic").map(Overlay::nameOf).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("hu.tokenplatform.k8s.Overlay#deployable")
    void eachServiceLogsInAsItsOwnKafkaUser(String overlay) {
        Overlay rendered = Overlay.rendered(overlay);
        for (String service : List.of("token-registry", "auth-service", "unlock-service")) {
            assertEquals(service, rendered.named("ConfigMap", service + "-env").path("data").path("KAFKA_USERNAME").asText());
            JsonNode password = Rules.env(rendered.named("Deployment", service), "KAFKA_PASSWORD");
            assertEquals(service, password.path("valueFrom").path("secretKeyRef").path("name").asText());
            assertEquals("SASL_SSL", rendered.named("ConfigMap", service + "-env").path("data").path("KAFKA_SECURITY_PROTOCOL").asText());
        }
    }

    @Test
    void productionRunsThreeBrokersAndThreeControllersAndKeepsEveryRecordOnThreeReplicasAckedByTwo() {
        Overlay prod = Overlay.rendered("overlays/prod");
        assertEquals(3, prod.named("KafkaNodePool", "brokers").path("spec").path("replicas").asInt());
        assertEquals(3, prod.named("KafkaNodePool", "controllers").path("spec").path("replicas").asInt());
        JsonNode config = prod.named("Kafka", "platform-kafka").path("spec").path("kafka").path("config");
        assertEquals(2, config.path("min.insync.replicas").asInt());
        assertEquals(false, config.path("auto.create.topics.enable").asBoolean(true));
        assertEquals(false, config.path("unclean.leader.election.enable").asBoolean(true));
        prod.ofKind("KafkaTopic").forEach(topic -> {
            assertEquals(3, topic.path("spec").path("replicas").asInt(), Overlay.describe(topic));
            assertEquals(2, topic.path("spec").path("config").path("min.insync.replicas").asInt(), Overlay.describe(topic));
            assertEquals("delete", topic.path("spec").path("config").path("cleanup.policy").asText(), Overlay.describe(topic));
        });
    }

    private static AclBinding binding(String user, JsonNode acl, String operation) {
        JsonNode resource = acl.path("resource");
        ResourceType type = switch (resource.path("type").asText()) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> ResourceType.UNKNOWN;
        };
        // Strimzi says "literal" and "prefix" where Kafka says LITERAL and PREFIXED.
        PatternType pattern = switch (resource.path("patternType").asText("literal")) {
            case "literal" -> PatternType.LITERAL;
            case "prefix" -> PatternType.PREFIXED;
            default -> PatternType.UNKNOWN;
        };
        return new AclBinding(new ResourcePattern(type, resource.path("name").asText(), pattern),
                new AccessControlEntry("User:" + user, acl.path("host").asText("*"),
                        AclOperation.fromString(operation.toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW));
    }
}
