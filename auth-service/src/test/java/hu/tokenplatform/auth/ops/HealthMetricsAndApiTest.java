package hu.tokenplatform.auth.ops;

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
    void readinessCoversDatabaseKafkaAndTheCrl() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body(containsString("Database connections health check"))
                        .body(containsString("Kafka"))
                        .body(containsString("Issuing CA CRL")));
    }

    @Test
    void prometheusExposesLoginsCrlAndOutboxBacklog() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("auth_outbox_backlog"))
                .body(containsString("auth_crl_seconds_until_stale"));
    }

    @Test
    void openApiDescribesTheBrowserFacingEndpoints() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/oidc/authorize"))
                .body(containsString("/login/complete"));
    }
}
