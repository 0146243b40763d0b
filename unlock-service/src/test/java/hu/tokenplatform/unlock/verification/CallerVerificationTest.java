package hu.tokenplatform.unlock.verification;

import hu.tokenplatform.events.Topics;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import hu.tokenplatform.unlock.config.UnlockConfig;
import hu.tokenplatform.unlock.epin.Argon2id;
import hu.tokenplatform.unlock.epin.EPin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class CallerVerificationTest {

    @Inject
    UnlockConfig config;

    @Test
    void rightCustomerIdAndEPinGiveAShortLivedVerification() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();

        Instant before = Instant.now();
        ExtractableResponse<Response> verified = Callers.verify(caller.customerId(), caller.ePin()).statusCode(201)
                .header("Cache-Control", "no-store")
                .body("customerId", equalTo(caller.customerId()))
                .extract();

        String id = verified.path("verificationId");
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), "256 random bits, base64url");
        Instant expiresAt = Instant.parse(verified.path("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(5))
                && !expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(10))), "valid ten minutes: " + expiresAt);
    }

    @Test
    void theAgentWhoVerifiedTheCallerSeesTheCallersTokensLastChangedFirstWithTheirStates() {
        Caller caller = Callers.withToken();
        String older = caller.csn();
        String newer = Registry.newCsn();
        Registry.handOver(newer, caller.customerId());
        Registry.revoke(older, caller.customerId());
        Registry.awaitState(older, hu.tokenplatform.unlock.projection.TokenState.REVOKED);
        String agent = Staff.newHelpdeskAgent();
        String verification = Callers.verified(caller);

        Callers.tokens(verification).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("customerId", equalTo(caller.customerId()))
                .body("tokens.csn", equalTo(List.of(older, newer)))
                .body("tokens.state", equalTo(List.of("REVOKED", "ISSUED")));

        Staff.auditor();
        given().queryParam("subjectId", caller.customerId()).get("/audit").then().statusCode(200)
                .body("findAll { it.action == 'caller.tokens-shown' }.actor", hasItem(agent));
    }

    @Test
    void theCallersTokensShowTheirCertificatesWithExpiryAndRevocation() {
        Caller caller = Callers.withToken();
        Instant inTwoYears = Instant.now().plus(Duration.ofDays(730)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant lastMonth = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Registry.issueCertificate(caller.csn(), caller.customerId(), "LOGIN", inTwoYears);
        String signing = Registry.issueCertificate(caller.csn(), caller.customerId(), "SIGNING", lastMonth);
        Registry.revokeCertificate(signing, caller.csn(), caller.customerId(), "SIGNING");
        Staff.newHelpdeskAgent();

        Callers.tokens(Callers.verified(caller)).statusCode(200)
                .body("tokens[0].certificates.usage", equalTo(List.of("LOGIN", "SIGNING")))
                .body("tokens[0].certificates.notAfter", equalTo(List.of(inTwoYears.toString(), lastMonth.toString())))
                .body("tokens[0].certificates.revoked", equalTo(List.of(false, true)));
    }

    @Test
    void anotherAgentOrAnExpiredOrMadeUpVerificationShowsNoTokens() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verification = Callers.verified(caller);

        Staff.newHelpdeskAgent();
        Callers.tokens(verification).statusCode(422).body("code", equalTo("verification-invalid"));
        Callers.tokens("A".repeat(43)).statusCode(422).body("code", equalTo("verification-invalid"));
        Callers.tokens("not-an-id").statusCode(400);
        Staff.officer();
        Callers.tokens(verification).statusCode(403);
    }

    @Test
    void wrongEPinIsRefused() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();

        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("caller-not-verified"));
    }

    @Test
    void unknownCustomerIdAnswersExactlyLikeAWrongEPin() {
        Caller caller = Callers.withToken();
        String withoutEPin = Registry.newCustomerId();
        Registry.registerUser(withoutEPin);
        Staff.newHelpdeskAgent();

        ExtractableResponse<Response> wrong = Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).extract();
        ExtractableResponse<Response> unknown = Callers.verify(Registry.newCustomerId(), Callers.WRONG_E_PIN).extract();
        ExtractableResponse<Response> notSet = Callers.verify(withoutEPin, Callers.E_PIN).extract();

        for (ExtractableResponse<Response> other : List.of(unknown, notSet)) {
            assertEquals(wrong.statusCode(), other.statusCode());
            assertEquals(wrong.contentType(), other.contentType());
            assertEquals(wrong.body().asString(), other.body().asString());
        }
    }

    @Test
    void unknownCustomerIdIsLockedOutLikeARealOne() {
        Caller caller = Callers.withToken();
        String unknown = Registry.newCustomerId();
        Staff.newHelpdeskAgent();

        for (int attempt = 1; attempt <= 3; attempt++) {
            String real = Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).extract().body().asString();
            String fake = Callers.verify(unknown, Callers.WRONG_E_PIN).extract().body().asString();
            assertEquals(real, fake, "attempt " + attempt);
        }
        Callers.verify(unknown, Callers.E_PIN).statusCode(423).body("code", equalTo("e-pin-locked"));
    }

    @Test
    void threeWrongEPinsLockUntilAnOfficerSetsANewOne() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();

        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(423).body("code", equalTo("e-pin-locked"));
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(423).body("code", equalTo("e-pin-locked"));

        Staff.officer();
        given().get("/customers/" + caller.customerId() + "/e-pin").then()
                .body("locked", equalTo(true)).body("failedAttempts", equalTo(3));
        Callers.setEPin(caller.customerId(), "802731").statusCode(200).body("locked", equalTo(false));

        Staff.newHelpdeskAgent();
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(422);
        Callers.verify(caller.customerId(), "802731").statusCode(201);
    }

    @Test
    void aRightEPinStartsTheCountAgain() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();

        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);

        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);
    }

    @Test
    void hashMadeWithEarlierParametersIsRaisedOnTheNextRightEPin() {
        Caller caller = Callers.withToken();
        String cheaper = new Argon2id(config.ePin().pepper().getBytes(StandardCharsets.UTF_8))
                .hash(caller.ePin().getBytes(StandardCharsets.US_ASCII), new Argon2id.Parameters(64, 1, 1), new SecureRandom());
        QuarkusTransaction.requiringNew().run(() -> EPin.update("hash = ?1 where customerId = ?2", cheaper, caller.customerId()));
        Staff.newHelpdeskAgent();

        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);

        String raised = QuarkusTransaction.requiringNew().call(() -> EPin.<EPin>findById(caller.customerId()).hash);
        assertTrue(raised.startsWith("$argon2id$v=19$m=256,t=1,p=1$"), raised);
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);
    }

    @Test
    void newEPinEndsVerificationsMadeWithTheOldOne() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        Callers.setEPin(caller.customerId(), "802731").statusCode(200);

        Staff.newHelpdeskAgent();
        Callers.requestCode(verificationId, caller.csn(), "1234567890").statusCode(422).body("code", equalTo("verification-invalid"));
    }

    @Test
    void anAgentMayVerifyOnlySoManyCallersAnHour() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        for (int i = 0; i < 10; i++) {
            Callers.verify(i % 2 == 0 ? caller.customerId() : Registry.newCustomerId(), i % 2 == 0 ? caller.ePin() : Callers.WRONG_E_PIN)
                    .statusCode(i % 2 == 0 ? 201 : 422);
        }

        Callers.verify(caller.customerId(), caller.ePin()).statusCode(429).body("code", equalTo("rate-limited"));

        Staff.newHelpdeskAgent();
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);
    }

    @Test
    void rateLimitedAttemptsDoNotCountAgainstTheCustomer() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        for (int i = 0; i < 10; i++) {
            Callers.verify(Registry.newCustomerId(), Callers.WRONG_E_PIN).statusCode(422);
        }
        for (int i = 0; i < 5; i++) {
            Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(429);
        }

        Staff.newHelpdeskAgent();
        Callers.verify(caller.customerId(), caller.ePin()).statusCode(201);
    }

    @Test
    void failedVerificationsArePublishedWithTheirReasonButNeverTheEPin() {
        Caller caller = Callers.withToken();
        String unknown = Registry.newCustomerId();
        String agent = Staff.newHelpdeskAgent();
        try (TopicProbe probe = TopicProbe.subscribe(Registry.observer(), Topics.UNLOCK_EVENTS)) {
            Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
            Callers.verify(unknown, Callers.WRONG_E_PIN).statusCode(422);
            Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(422);
            Callers.verify(caller.customerId(), Callers.WRONG_E_PIN).statusCode(423);
            Callers.verify(caller.customerId(), caller.ePin()).statusCode(423);

            List<ConsumerRecord<String, String>> known = probe.awaitCount(
                    r -> caller.customerId().equals(r.key()) && r.value().contains("\"caller.verification-failed\""), 4, Registry.WAIT);
            assertTrue(known.get(0).value().contains("\"reason\":\"WRONG_E_PIN\""));
            assertTrue(known.get(0).value().contains("\"failedAttempts\":1"));
            assertTrue(known.get(2).value().contains("\"ePinLocked\":true"));
            assertTrue(known.get(3).value().contains("\"reason\":\"E_PIN_LOCKED\""));
            assertTrue(known.get(3).value().contains("\"agent\":\"" + agent + "\""));
            ConsumerRecord<String, String> guessed = probe.await(
                    r -> unknown.equals(r.key()) && r.value().contains("\"caller.verification-failed\""), Registry.WAIT);
            assertTrue(guessed.value().contains("\"reason\":\"UNKNOWN_CUSTOMER\""));
            probe.records().forEach(r -> assertFalse(r.value().contains(Callers.E_PIN) || r.value().contains(Callers.WRONG_E_PIN)));
        }
    }

    @Test
    void malformedRequestsAreRefusedBeforeAnyCheck() {
        Staff.newHelpdeskAgent();
        Callers.verify("1234567", Callers.E_PIN).statusCode(400).body("violations.field", hasItem("customerId"));
        Callers.verify("1234567A", Callers.E_PIN).statusCode(400);
        Callers.verify("12345678", "73051").statusCode(400).body("violations.field", hasItem("ePin"));
        Callers.verify("12345678", "73051a").statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("customerId", "12345678")).post("/caller-verifications")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"customerId\":").post("/caller-verifications").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("customerId", "1".repeat(20_000), "ePin", Callers.E_PIN))
                .post("/caller-verifications").then().statusCode(413);
    }

    @Test
    void onlyHelpdeskAgentsVerifyCallers() {
        for (String role : new String[]{"branch-officer", "auditor", "ops"}) {
            Staff.actAs("someone." + role, role);
            Callers.verify("12345678", Callers.E_PIN).statusCode(403).body("code", equalTo("forbidden"));
        }
    }
}
