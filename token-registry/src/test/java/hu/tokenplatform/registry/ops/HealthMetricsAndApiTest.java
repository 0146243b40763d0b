package hu.tokenplatform.registry.ops;

import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class HealthMetricsAndApiTest {

    /** A readiness probe gives up after a second or two: allowed a generous bound, still far below the old minute. */
    static final Duration PROMPT = Duration.ofSeconds(5);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void readinessCoversDatabaseAndKafka() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body(containsString("Database connections health check"))
                        .body(containsString("Kafka")));
    }

    @Test
    void prometheusExposesTokensCertificatesAndOutboxBacklog() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("registry_tokens{state=\"IN_STOCK\"}"))
                .body(containsString("registry_certificates{status=\"REVOKED\",usage=\"LOGIN\"}"))
                .body(containsString("registry_outbox_backlog"))
                // the service counts the records waiting in its own dead-letter topic
                .body(containsString("events_dead_letter_records{topic=\"token-registry.dlq\"}"))
                .body(containsString("events_refused_total{reason=\"source-not-topic-owner\",topic=\"auth.logins\"}"))
                .body(containsString("events_refused_total{reason=\"type-of-another-topic\",topic=\"unlock.events\"}"));
    }

    @Test
    void openApiDescribesTheStaffApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/hand-overs"))
                .body(containsString("/users/{customerId}/re-contracting"))
                .body(containsString("/tokens/{csn}/revocation"));
    }

    /** Issue 10, section 4: while the broker is down readiness answered after 60 s; it must answer at once, DOWN. */
    @Test
    void readinessAnswersPromptlyAndSaysKafkaIsDownWhileTheBrokerIsDown() {
        awaitReady();
        broker.stop();
        try {
            for (int probe = 0; probe < 3; probe++) {
                long started = System.nanoTime();
                given().get("/q/health/ready").then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("DOWN"));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(PROMPT) < 0, "readiness took " + took + " while Kafka was down");
            }
        } finally {
            broker.start();
        }
        awaitReady();
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP")));
    }
}
