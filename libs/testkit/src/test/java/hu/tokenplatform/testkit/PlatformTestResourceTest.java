package hu.tokenplatform.testkit;

import io.quarkus.test.common.QuarkusTestResource;
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
@QuarkusTestResource(PlatformTestResource.class)
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
        TopicProbe.send(broker.bootstrapServers(), "testkit.resource", key, "ok");
        try (TopicProbe probe = TopicProbe.subscribe(broker.bootstrapServers(), "testkit.resource")) {
            assertEquals("ok", probe.await(r -> key.equals(r.key()), Duration.ofSeconds(30)).value());
        }
    }
}
