package hu.tokenplatform.registry.events;

import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.LoginSucceeded;
import hu.tokenplatform.events.data.UnlockCodeIssued;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.servicekit.audit.AuditEntry;
import hu.tokenplatform.testkit.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token state changes reported by unlock-service and auth-service, including redelivery and junk. */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class ReportedTokenEventsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TopicProbe probe;

    @BeforeEach
    void subscribe() {
        probe = TopicProbe.subscribe(bootstrapServers, Topics.REGISTRY_TOKENS);
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
    void unlockCodeLocksTheTokenAndTheNextLoginActivatesItAgain() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now();
        publishLogin(holder, handedOver.plusSeconds(1));
        awaitState(holder[1], "ACTIVE");

        publishUnlock(holder, handedOver.plusSeconds(2));
        awaitState(holder[1], "LOCKED");

        publishLogin(holder, handedOver.plusSeconds(3));
        awaitState(holder[1], "ACTIVE");
    }

    @Test
    void duplicateEventsAreAppliedOnce() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now();
        publishLogin(holder, handedOver.plusSeconds(1));
        awaitState(holder[1], "ACTIVE");

        String unlock = EventCodec.write(codec("/unlock-service", handedOver.plusSeconds(2))
                .create(new UnlockCodeIssued(holder[1], holder[0], handedOver.plusSeconds(2)), "helpdesk.toth"));
        TopicProbe.send(bootstrapServers, Topics.UNLOCK_EVENTS, holder[1], unlock);
        TopicProbe.send(bootstrapServers, Topics.UNLOCK_EVENTS, holder[1], unlock);
        awaitUnlockTopicConsumed();

        assertEquals(1, probe.records().stream()
                .filter(r -> holder[1].equals(r.key()) && r.value().contains("\"token.locked\"")).count());
        given().get("/tokens/" + holder[1]).then().body("state", equalTo("LOCKED"));
        auditActions(holder[1], List.of("token.activated", "token.locked"));
    }

    @Test
    void staleReportIsIgnored() {
        String[] holder = Fixtures.userWithToken(false);
        Instant handedOver = Instant.now();
        publishLogin(holder, handedOver.plusSeconds(10));
        awaitState(holder[1], "ACTIVE");

        // Issued before the login it would undo: the login already proved the token unlocked.
        publishUnlock(holder, handedOver.plusSeconds(5));
        awaitUnlockTopicConsumed();

        given().get("/tokens/" + holder[1]).then().body("state", equalTo("ACTIVE"));
        assertEquals(0, probe.records().stream()
                .filter(r -> holder[1].equals(r.key()) && r.value().contains("\"token.locked\"")).count());
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
        TopicProbe.send(bootstrapServers, Topics.AUTH_LOGINS, holder[0], "this is not an event");
        TopicProbe.send(bootstrapServers, Topics.AUTH_LOGINS, holder[0], "{\"specversion\":\"1.0\",\"id\":\"x-" + holder[1]
                + "\",\"source\":\"/auth-service\",\"type\":\"login.succeeded\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"at\":\"never\"}}");

        publishLogin(holder, Instant.now());

        awaitState(holder[1], "ACTIVE");
    }

    /**
     * Locks a marker token through the unlock topic. The test broker's topics have one partition, so once the
     * marker is applied every record published before it has been consumed; and once the marker's token.locked
     * event is out, every event the registry published before it is out too.
     */
    private void awaitUnlockTopicConsumed() {
        String[] marker = Fixtures.userWithToken(false);
        publishUnlock(marker, Instant.now().plusSeconds(1));
        awaitState(marker[1], "LOCKED");
        probe.await(r -> marker[1].equals(r.key()) && r.value().contains("\"token.locked\""), WAIT);
    }

    private void publishLogin(String[] holder, Instant at) {
        CloudEvent event = codec("/auth-service", at).create(new LoginSucceeded(holder[0], holder[1], "electra", "TOKEN", at), null);
        TopicProbe.send(bootstrapServers, Topics.AUTH_LOGINS, holder[0], EventCodec.write(event));
    }

    private void publishUnlock(String[] holder, Instant at) {
        CloudEvent event = codec("/unlock-service", at).create(new UnlockCodeIssued(holder[1], holder[0], at), "helpdesk.toth");
        TopicProbe.send(bootstrapServers, Topics.UNLOCK_EVENTS, holder[1], EventCodec.write(event));
    }

    private static EventCodec codec(String source, Instant at) {
        return new EventCodec(source, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static void awaitState(String csn, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/tokens/" + csn).then().body("state", equalTo(state)));
    }

    /** Read from the table directly: access to the audit API is tested in AuditTest. */
    private static void auditActions(String csn, List<String> expected) {
        List<String> actions = AuditEntry.<AuditEntry>list(
                        "subjectId = ?1 and action in ('token.activated', 'token.locked') order by id", csn)
                .stream().map(e -> e.action).toList();
        assertEquals(expected, actions);
    }
}
