package hu.tokenplatform.testkit;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resource as a service's test module uses it: declared once, config overrides, broker injection. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL, value = "token-registry"))
class PlatformTestResourceTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void theApplicationIsPointedAtTheRunningBrokerAndAFreshDatabase() throws SQLException {
        assertNotNull(broker, "@InjectKafkaBroker field injected");
        assertTrue(broker.isRunning());
        assertSame(broker, PlatformTestResource.broker());
        Config config = ConfigProvider.getConfig();
        assertEquals(broker.bootstrapServers(), config.getValue("kafka.bootstrap.servers", String.class));
        assertEquals("SASL_PLAINTEXT", config.getValue("kafka.security.protocol", String.class));
        assertEquals("SCRAM-SHA-512", config.getValue("kafka.sasl.mechanism", String.class));
        assertEquals(broker.login(BrokerPrincipal.TOKEN_REGISTRY).jaasConfig(), config.getValue("kafka.sasl.jaas.config", String.class));
        assertEquals("false", config.getValue("quarkus.devservices.enabled", String.class));

        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url,
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertTrue(rows.getString(1).startsWith("tp_test_"), rows.getString(1));
        }

        String key = UUID.randomUUID().toString();
        TopicProbe.send(broker.login(BrokerPrincipal.TOKEN_REGISTRY), Topics.REGISTRY_USERS, key, "ok");
        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_USERS)) {
            assertEquals("ok", probe.await(r -> key.equals(r.key()), Duration.ofSeconds(30)).value());
        }
    }
}
