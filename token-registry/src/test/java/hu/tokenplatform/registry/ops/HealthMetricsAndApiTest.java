package hu.tokenplatform.registry.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HealthMetricsAndApiTest {

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
                .body(containsString("registry_outbox_backlog"));
    }

    @Test
    void openApiDescribesTheStaffApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/hand-overs"))
                .body(containsString("/users/{customerId}/re-contracting"))
                .body(containsString("/tokens/{csn}/revocation"));
    }
}
