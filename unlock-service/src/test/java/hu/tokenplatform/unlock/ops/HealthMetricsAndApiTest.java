package hu.tokenplatform.unlock.ops;

import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
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
    void prometheusCountsVerificationsCodesAndRefusals() {
        Caller caller = Callers.withToken();
        Caller other = Callers.withToken();
        Staff.newHelpdeskAgent();
        double verified = metric("unlock_caller_verifications_total{outcome=\"verified\"}");
        double wrong = metric("unlock_caller_verifications_total{outcome=\"wrong-credentials\"}");
        double issued = metric("unlock_codes_issued_total");
        double notCallers = metric("unlock_refusals_total{reason=\"csn_not_callers\"}");

        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(Registry.newCustomerId(), Callers.WRONG_E_PIN).statusCode(422);
        String verificationId = Callers.verified(caller);
        Callers.requestCode(verificationId, caller.csn(), "4815162342").statusCode(200);
        Callers.requestCode(verificationId, other.csn(), "4815162342").statusCode(422);

        assertEquals(verified + 1, metric("unlock_caller_verifications_total{outcome=\"verified\"}"));
        assertEquals(wrong + 2, metric("unlock_caller_verifications_total{outcome=\"wrong-credentials\"}"),
                "wrong e-PINs and unknown customer identifiers are counted together");
        assertEquals(issued + 1, metric("unlock_codes_issued_total"));
        assertEquals(notCallers + 1, metric("unlock_refusals_total{reason=\"csn_not_callers\"}"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("unlock_caller_verifications_total{outcome=\"e-pin-locked\"}"))
                .body(containsString("unlock_caller_verifications_total{outcome=\"rate-limited\"}"))
                .body(containsString("unlock_refusals_total{reason=\"token_revoked\"}"))
                .body(containsString("unlock_refusals_total{reason=\"daily_limit\"}"))
                .body(containsString("unlock_outbox_backlog"))
                // the service counts the records waiting in its own dead-letter topic
                .body(containsString("events_dead_letter_records{topic=\"unlock-service.dlq\"}"))
                .body(containsString("events_refused_total{reason=\"source-not-topic-owner\",topic=\"registry.users\"}"))
                .body(containsString("events_refused_total{reason=\"type-of-another-topic\",topic=\"registry.tokens\"}"));
    }

    @Test
    void prometheusCountsTheMomentAnIdentifierLocksOnceNotEachVerificationAgainstItAfterwards() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        double lockouts = metric("unlock_e_pin_lockouts_total");
        double againstLocked = metric("unlock_caller_verifications_total{outcome=\"e-pin-locked\"}");

        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        assertEquals(lockouts, metric("unlock_e_pin_lockouts_total"), "two wrong e-PINs do not lock");
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(423);
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(423);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(423);

        assertEquals(lockouts + 1, metric("unlock_e_pin_lockouts_total"));
        assertEquals(againstLocked + 2, metric("unlock_caller_verifications_total{outcome=\"e-pin-locked\"}"));
    }

    @Test
    void openApiDescribesTheHelpdeskAndBranchApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/caller-verifications"))
                .body(containsString("/unlock-codes"))
                .body(containsString("/customers/{customerId}/e-pin"))
                .body(containsString("/audit"));
    }

    private static double metric(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
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
