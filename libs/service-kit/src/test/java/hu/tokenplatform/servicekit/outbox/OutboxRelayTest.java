package hu.tokenplatform.servicekit.outbox;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.EPinSet;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.TopicProbe;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay publishes what committed, in commit order, once, also when two instances of a service relay from the
 * same database at the same time. The application plays unlock-service and publishes e-PIN events on
 * {@code unlock.events}; each test uses its own customer identifier as the key, so it sees only its own events.
 */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    EventOutbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    private TopicProbe probe;

    @BeforeEach
    void watch() {
        probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.UNLOCK_EVENTS);
    }

    @AfterEach
    void stopWatching() {
        probe.close();
    }

    @Test
    void eventsArePublishedInTheOrderTheirTransactionsCommitted() {
        String customerId = newCustomerId();
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            committed.add(appendInOwnTransaction(customerId));
        }

        assertEquals(committed, publishedIds(customerId, committed.size()));
        await().atMost(WAIT).until(() -> unsent() == 0);
    }

    @Test
    void twoRelaysOverTheSameOutboxNeverPublishARowTwiceOrOutOfOrder() throws Exception {
        String customerId = newCustomerId();
        OutboxRelay otherInstance = secondRelay();
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService relays = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(relays.submit(() -> {
                    while (appending.get()) {
                        otherInstance.poll();
                        relay.poll();
                    }
                }));
            }
            List<String> committed = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                committed.add(appendInOwnTransaction(customerId));
            }
            appending.set(false);
            for (Future<?> run : running) {
                run.get(1, TimeUnit.MINUTES);
            }

            assertEquals(committed, publishedIds(customerId, committed.size()));
            // Give a duplicate time to arrive: none may.
            Thread.sleep(1_000);
            assertEquals(committed, probe.records().stream().filter(r -> customerId.equals(r.key()))
                    .map(r -> EventCodec.read(r.value()).id()).toList());
        } finally {
            relays.shutdownNow();
            otherInstance.stop(null);
        }
    }

    @Test
    void whileAnotherInstanceHoldsTheRelayNothingIsPublishedAndTheBacklogShows() throws SQLException {
        String customerId = newCustomerId();
        List<String> committed = new ArrayList<>();
        try (Connection otherInstance = dataSource.getConnection()) {
            lock(otherInstance, "select pg_advisory_lock(?)");
            for (int i = 0; i < 3; i++) {
                committed.add(appendInOwnTransaction(customerId));
            }

            await().atMost(WAIT).until(() -> backlogGauge() == 3);
            assertTrue(probe.records().stream().noneMatch(r -> customerId.equals(r.key())), "nothing published");
            assertEquals(3, unsent());

            lock(otherInstance, "select pg_advisory_unlock(?)");
        }
        assertEquals(committed, publishedIds(customerId, committed.size()));
        await().atMost(WAIT).until(() -> backlogGauge() == 0);
    }

    private String appendInOwnTransaction(String customerId) {
        return QuarkusTransaction.requiringNew().call(() ->
                outbox.append(new EPinSet(customerId, true, false, clock.instant()), "officer.kiss")).id();
    }

    private List<String> publishedIds(String customerId, int count) {
        return probe.awaitCount(r -> customerId.equals(r.key()), count, WAIT).stream()
                .map(ConsumerRecord::value).map(EventCodec::read).map(CloudEvent::id).toList();
    }

    /** Another instance of the service: its own relay over the same database and the same Kafka channel. */
    private OutboxRelay secondRelay() {
        OutboxRelay running = ClientProxy.unwrap(relay);
        OutboxRelay other = new OutboxRelay();
        other.emitter = running.emitter;
        other.em = running.em;
        other.config = running.config;
        other.clock = running.clock;
        other.tracing = running.tracing;
        return other;
    }

    private static void lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.execute();
        }
    }

    private static long unsent() {
        return QuarkusTransaction.requiringNew().call(OutboxEvent::backlog);
    }

    /** The backlog gauge as Prometheus scrapes it, under the name the application configured. */
    private static double backlogGauge() {
        return given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith("kit_outbox_backlog "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    private static String newCustomerId() {
        return String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
