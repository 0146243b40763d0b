package hu.tokenplatform.registry.events;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.LoginSucceeded;
import hu.tokenplatform.events.data.UnlockCodeIssued;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import hu.tokenplatform.servicekit.inbox.ProcessedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.RefusedEvents;
import hu.tokenplatform.testkit.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What unlock-service and auth-service report about tokens, including redelivery, stale reports and junk. */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class ReportedTokenEventsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaBroker
    KafkaBroker broker;

    TopicProbe probe;

    @BeforeEach
    void subscribe() {
        probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_TOKENS);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void successfulTokenLoginActivatesAnIssuedToken() {
        String[] holder = Fixtures.userWithToken(false);

        publishLogin(holder, Instant.now());

        awaitState(holder[1], "ACTIVE");
        probe.await(r -> holder[1].equals(r.key()) && r.value().contains("\"token.activated\""), WAIT);
    }

    @Test
    void furtherLoginsOfAnActiveTokenChangeNothingAndLeaveNoTrace() {
        String[] holder = Fixtures.userWithToken(false);
        Instant first = Instant.now();
        publishLogin(holder, first);
        awaitState(holder[1], "ACTIVE");

        CloudEvent second = publishLogin(holder, first.plusSeconds(1));
        awaitReportsApplied();

        assertEquals(List.of("token.activated"), registryEventsAbout(holder[1]), "activated once");
        auditActions(holder[1], List.of("token.activated"));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", second.id())),
                "a login of an active token is skipped without recording its id");
    }

    /**
     * Issue 10: a Code issued for an ACTIVE token made the registry record it LOCKED (and publish token.locked). The PIN
     * lock lives on the token: the registry records the fact and audits it under the helpdesk agent, state unchanged.
     */
    @Test
    void unlockCodeForAnActiveTokenLeavesItActiveAndIsRecordedAndAudited() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publishLogin(holder, handedOver.plusSeconds(1));
        awaitState(holder[1], "ACTIVE");

        publishUnlock(holder, handedOver.plusSeconds(2));
        awaitLastUnlockCode(holder[1], handedOver.plusSeconds(2));
        awaitReportsApplied();

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ACTIVE"));
        AuditEntry audited = AuditEntry.<AuditEntry>find("subjectId = ?1 and action = 'token.unlock-code-issued'", holder[1])
                .singleResult();
        assertEquals("helpdesk.toth", audited.actor);
        assertTrue(audited.details.contains("\"state\":\"ACTIVE\""), audited.details);
        assertEquals(List.of("token.activated"), registryEventsAbout(holder[1]), "a Code changes nothing others project");
    }

    @Test
    void unlockCodeBeforeTheFirstLoginLeavesTheTokenIssuedAndTheLoginStillActivatesIt() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        publishUnlock(holder, handedOver.plusSeconds(1));
        awaitLastUnlockCode(holder[1], handedOver.plusSeconds(1));
        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ISSUED"));

        publishLogin(holder, handedOver.plusSeconds(2));
        awaitState(holder[1], "ACTIVE");
    }

    @Test
    void replayedUnlockCodeEventIsRecordedOnce() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publishLogin(holder, handedOver.plusSeconds(1));
        awaitState(holder[1], "ACTIVE");

        String unlock = EventCodec.write(codec("/unlock-service", handedOver.plusSeconds(2))
                .create(new UnlockCodeIssued(holder[1], holder[0], handedOver.plusSeconds(2)), "helpdesk.toth"));
        TopicProbe.send(unlockService(), Topics.UNLOCK_EVENTS, holder[1], unlock);
        TopicProbe.send(unlockService(), Topics.UNLOCK_EVENTS, holder[1], unlock);
        awaitReportsApplied();

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ACTIVE"));
        awaitLastUnlockCode(holder[1], handedOver.plusSeconds(2));
        auditActions(holder[1], List.of("token.activated", "token.unlock-code-issued"));
    }

    @Test
    void olderUnlockCodeReportedLateDoesNotMoveTheLastCodeBack() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        publishUnlock(holder, handedOver.plusSeconds(5));
        publishUnlock(holder, handedOver.plusSeconds(3));
        awaitReportsApplied();

        awaitLastUnlockCode(holder[1], handedOver.plusSeconds(5));
        auditActions(holder[1], List.of("token.unlock-code-issued", "token.unlock-code-issued"));
    }

    @Test
    void staleLoginReportIsIgnored() {
        String[] holder = Fixtures.userWithToken(false);

        // Reported as older than the hand-over: it cannot be a login of this token as handed over.
        publishLogin(holder, Instant.now().minusSeconds(3_600));
        awaitReportsApplied();

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ISSUED"));
    }

    @Test
    void revokedTokenStaysRevokedWhateverIsReported() {
        String[] holder = Fixtures.userWithToken(false);
        given().contentType(ContentType.JSON).body(Map.of("reason", "STOLEN"))
                .post("/tokens/" + holder[1] + "/revocation").then().statusCode(200);

        publishLogin(holder, Instant.now().plusSeconds(5));
        String other = Fixtures.userWithToken(false)[1];
        publishLogin(new String[]{"00000000", other}, Instant.now().plusSeconds(5));
        awaitState(other, "ACTIVE");

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("REVOKED"));
    }

    @Test
    void junkOnATopicDoesNotStopTheConsumer() {
        String[] holder = Fixtures.userWithToken(false);
        TopicProbe.send(authService(), Topics.AUTH_LOGINS, holder[0], "this is not an event");
        TopicProbe.send(authService(), Topics.AUTH_LOGINS, holder[0], "{\"specversion\":\"1.0\",\"id\":\"x-" + holder[1]
                + "\",\"source\":\"/auth-service\",\"type\":\"login.succeeded\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"at\":\"never\"}}");

        publishLogin(holder, Instant.now());

        awaitState(holder[1], "ACTIVE");
    }

    /**
     * Issue 10: only auth-service reports logins. A login.succeeded under another source, even written with
     * auth-service's own broker credential (leaked, or a bug), activates nothing; it is counted and dead-lettered, and
     * the genuine report after it still applies.
     */
    @Test
    void loginReportedUnderAnotherSourceThanAuthServiceIsRefused() {
        String[] holder = Fixtures.userWithToken(false);
        double before = refused(Topics.AUTH_LOGINS, "source-not-topic-owner");
        Instant at = Instant.now();
        CloudEvent forged = codec("/unlock-service", at).create(new LoginSucceeded(holder[0], holder[1], "electra", "TOKEN", at), null);
        TopicProbe.send(authService(), Topics.AUTH_LOGINS, holder[0], EventCodec.write(forged));

        String[] marker = Fixtures.userWithToken(false);
        publishLogin(marker, Instant.now());
        awaitState(marker[1], "ACTIVE");
        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ISSUED"));
        assertEquals(0, ProcessedEvent.count("eventId", forged.id()), "a refused event does not use up its id");
        await().atMost(WAIT).until(() -> refused(Topics.AUTH_LOGINS, "source-not-topic-owner") == before + 1);
        ConsumerRecord<String, String> deadLetter = RefusedEvents.awaitDeadLetter(broker, BrokerPrincipal.TOKEN_REGISTRY, forged.id(), WAIT);
        assertEquals(EventCodec.write(forged), deadLetter.value());
        assertEquals("event on auth.logins refused: source-not-topic-owner", RefusedEvents.reason(deadLetter));

        publishLogin(holder, Instant.now().plusSeconds(1));
        awaitState(holder[1], "ACTIVE");
    }

    /** An unlock report is unlock-service's: an unlock.code-issued on auth.logins, whatever its source, records nothing. */
    @Test
    void unlockReportedOnTheLoginTopicIsRefused() {
        String[] holder = Fixtures.userWithToken(false);
        publishLogin(holder, Instant.now());
        awaitState(holder[1], "ACTIVE");
        double before = refused(Topics.AUTH_LOGINS, "type-of-another-topic");
        Instant at = Instant.now().plusSeconds(1);
        CloudEvent forged = codec("/auth-service", at).create(new UnlockCodeIssued(holder[1], holder[0], at), "helpdesk.toth");
        TopicProbe.send(authService(), Topics.AUTH_LOGINS, holder[0], EventCodec.write(forged));

        await().atMost(WAIT).until(() -> refused(Topics.AUTH_LOGINS, "type-of-another-topic") == before + 1);
        assertEquals("event on auth.logins refused: type-of-another-topic", RefusedEvents.reason(
                RefusedEvents.awaitDeadLetter(broker, BrokerPrincipal.TOKEN_REGISTRY, forged.id(), WAIT)));
        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ACTIVE")).body("lastUnlockCodeAt", nullValue());
    }

    /**
     * Reports an unlock Code and then a login for a marker token. The test broker's topics have one partition, so once
     * the marker's Code is recorded every unlock report published before it has been applied, and once its login is
     * applied every login report before it; once the marker's token.activated is out, every event the registry
     * published before it is out too.
     */
    private void awaitReportsApplied() {
        String[] marker = Fixtures.userWithToken(false);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        publishUnlock(marker, at);
        awaitLastUnlockCode(marker[1], at);
        publishLogin(marker, at.plusSeconds(1));
        awaitState(marker[1], "ACTIVE");
        probe.await(r -> marker[1].equals(r.key()) && r.value().contains("\"token.activated\""), WAIT);
    }

    /** Types of the events the registry published about a token, in order. */
    private List<String> registryEventsAbout(String csn) {
        return probe.records().stream().filter(r -> csn.equals(r.key()))
                .map(r -> EventCodec.read(r.value()).type())
                .filter(type -> !type.equals("token.handed-over") && !type.startsWith("certificate."))
                .toList();
    }

    private CloudEvent publishLogin(String[] holder, Instant at) {
        CloudEvent event = codec("/auth-service", at).create(new LoginSucceeded(holder[0], holder[1], "electra", "TOKEN", at), null);
        TopicProbe.send(authService(), Topics.AUTH_LOGINS, holder[0], EventCodec.write(event));
        return event;
    }

    private void publishUnlock(String[] holder, Instant at) {
        CloudEvent event = codec("/unlock-service", at).create(new UnlockCodeIssued(holder[1], holder[0], at), "helpdesk.toth");
        TopicProbe.send(unlockService(), Topics.UNLOCK_EVENTS, holder[1], EventCodec.write(event));
    }

    private static double refused(String topic, String reason) {
        return RefusedEvents.count(given().get("/q/metrics").then().statusCode(200).extract().asString(), topic, reason);
    }

    /** Plays auth-service, the owner of auth.logins. */
    private BrokerLogin authService() {
        return broker.login(BrokerPrincipal.AUTH_SERVICE);
    }

    /** Plays unlock-service, the owner of unlock.events. */
    private BrokerLogin unlockService() {
        return broker.login(BrokerPrincipal.UNLOCK_SERVICE);
    }

    private static EventCodec codec(String source, Instant at) {
        return new EventCodec(source, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static void awaitLastUnlockCode(String csn, Instant at) {
        await().atMost(WAIT).untilAsserted(() -> assertEquals(at.toString(),
                given().get("/tokens/" + csn).then().extract().path("lastUnlockCodeAt")));
    }

    private static void awaitState(String csn, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/tokens/" + csn).then().body("state", equalTo(state)));
    }

    /** Read from the table directly: access to the audit API is tested in AuditTest. */
    private static void auditActions(String csn, List<String> expected) {
        List<String> actions = AuditEntry.<AuditEntry>list(
                        "subjectId = ?1 and action in ('token.activated', 'token.unlock-code-issued') order by id", csn)
                .stream().map(e -> e.action).toList();
        assertEquals(expected, actions);
    }
}
