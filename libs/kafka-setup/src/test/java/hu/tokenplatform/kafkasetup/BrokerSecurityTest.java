package hu.tokenplatform.kafkasetup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerSecurityTest {

    static final String ADMIN = "a".repeat(64);
    static final String CONTROLLER = "c".repeat(64);

    @Test
    void everyListenerAuthenticatesAndWhatNoAclAllowsIsRefused() {
        Map<String, String> properties = BrokerSecurity.singleNodeProperties("127.0.0.1", 19092, 19093, ADMIN, CONTROLLER);

        assertEquals("CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT", properties.get("listener.security.protocol.map"));
        assertEquals("CLIENTS://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", properties.get("listeners"));
        assertEquals("SCRAM-SHA-512", properties.get("listener.name.clients.sasl.enabled.mechanisms"));
        assertEquals("PLAIN", properties.get("listener.name.controller.sasl.enabled.mechanisms"));
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", properties.get("authorizer.class.name"));
        assertEquals("false", properties.get("allow.everyone.if.no.acl.found"));
        assertEquals("User:admin;User:controller", properties.get("super.users"));
        assertEquals("false", properties.get("auto.create.topics.enable"));
        assertFalse(properties.values().stream().anyMatch(value -> value.contains("PLAINTEXT://")), "no unauthenticated listener");
    }

    @Test
    void theControllerListenerKnowsOnlyTheControllerAndTheClientListenerLogsTheBrokerInAsAdmin() {
        Map<String, String> properties = BrokerSecurity.singleNodeProperties("127.0.0.1", 19092, 19093, ADMIN, CONTROLLER);

        String controllerJaas = properties.get("listener.name.controller.plain.sasl.jaas.config");
        assertTrue(controllerJaas.contains("user_controller=\"" + CONTROLLER + "\""), controllerJaas);
        assertEquals(1, controllerJaas.split("user_", -1).length - 1, "one PLAIN user on the controller listener");
        assertFalse(controllerJaas.contains(ADMIN));
        String clientJaas = properties.get("listener.name.clients.scram-sha-512.sasl.jaas.config");
        assertTrue(clientJaas.contains("username=\"admin\" password=\"" + ADMIN + "\""), clientJaas);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "twenty-three-characters", "with \"quote\" in it and long enough",
            "with\\backslash-and-long-enough-to-pass", "with space and long enough to pass the length"})
    void aPasswordThatCannotSafelyGoIntoAJaasConfigIsRefused(String password) {
        assertThrows(IllegalArgumentException.class,
                () -> BrokerSecurity.singleNodeProperties("127.0.0.1", 1, 2, password, CONTROLLER));
        assertThrows(IllegalArgumentException.class, () -> new BrokerLogin("127.0.0.1:1", "observer", password));
    }

    @Test
    void aLoginShowsNeitherItsPasswordNorItsJaasConfigWhenPrinted() {
        BrokerLogin login = new BrokerLogin("127.0.0.1:9092", "unlock-service", "p".repeat(40));

        assertEquals("BrokerLogin[unlock-service@127.0.0.1:9092]", login.toString());
        assertEquals("SASL_PLAINTEXT", login.clientProperties().get("security.protocol"));
        assertEquals("SCRAM-SHA-512", login.clientProperties().get("sasl.mechanism"));
    }

    @Test
    void theCommandTakesPasswordsFromTheEnvironmentAndSaysWhichOneIsMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> KafkaSetup.run(
                new String[]{"server-properties", "127.0.0.1", "19092", "19093"}, Map.of("KAFKA_ADMIN_PASSWORD", ADMIN)::get,
                new PrintStream(out)));
        assertEquals("KAFKA_CONTROLLER_PASSWORD is not set", missing.getMessage());

        int status = KafkaSetup.run(new String[]{"server-properties", "127.0.0.1", "19092", "19093"},
                Map.of("KAFKA_ADMIN_PASSWORD", ADMIN, "KAFKA_CONTROLLER_PASSWORD", CONTROLLER)::get,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("allow.everyone.if.no.acl.found=false\n"));
    }

    @Test
    void theDeployScriptsLearnThePasswordVariablesFromThePolicy() {
        assertEquals(java.util.List.of("KAFKA_ADMIN_PASSWORD", "KAFKA_CONTROLLER_PASSWORD", "KAFKA_TOKEN_REGISTRY_PASSWORD",
                "KAFKA_AUTH_SERVICE_PASSWORD", "KAFKA_UNLOCK_SERVICE_PASSWORD", "KAFKA_OBSERVER_PASSWORD"), KafkaSetup.passwordVariables());
    }
}
