package hu.tokenplatform.servicekit.health;

import hu.tokenplatform.servicekit.kafka.KafkaAdmins;
import hu.tokenplatform.servicekit.outbox.EventsConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness of the link to Kafka, answered within {@code platform.events.health.timeout} (1 s) whether the broker
 * is up or not: the broker must answer a cluster description to this service's principal. It replaces Quarkus' Kafka
 * health check ({@code quarkus.kafka.health.enabled=false}), which waits for the same answer without a bound of
 * its own, i.e. the admin client's {@code default.api.timeout.ms} of 60 s, longer than any probe waits. A wrong
 * password shows here too: the broker refuses the login and the check says so, without the password.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    static final String NAME = "Kafka broker";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EventsConfig config;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        long timeout = config.health().timeout().toMillis();
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout))
                    .nodes().get(timeout + 250, TimeUnit.MILLISECONDS);
            return response.up().withData("brokers", nodes.size()).build();
        } catch (ExecutionException e) {
            return response.down().withData("reason", e.getCause().getClass().getSimpleName()).build();
        } catch (TimeoutException e) {
            return response.down().withData("reason", "no answer within " + timeout + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            // While the broker is away, look for it again often enough that readiness returns soon after it does.
            admin = KafkaAdmins.create(kafkaConfig, "readiness", 1000);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
