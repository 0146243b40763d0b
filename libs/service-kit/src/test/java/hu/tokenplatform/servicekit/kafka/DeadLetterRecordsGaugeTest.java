package hu.tokenplatform.servicekit.kafka;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.servicekit.outbox.EventsConfig;
import hu.tokenplatform.testkit.InjectKafkaBroker;
import hu.tokenplatform.testkit.KafkaBroker;
import hu.tokenplatform.testkit.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gauge of records waiting in the service's dead-letter topic, as Prometheus scrapes it: it rises with each record
 * dead-lettered and falls when an operator deletes the records dealt with. The application plays unlock-service, whose
 * dead-letter topic is {@code unlock-service.dlq}.
 */
@QuarkusTest
class DeadLetterRecordsGaugeTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.UNLOCK_SERVICE_DLQ, 0);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void countsTheRecordsDeadLetteredAndForgetsThoseAnOperatorDeleted() throws Exception {
        double before = awaitGauge(value -> !Double.isNaN(value), "a first count");

        for (int i = 0; i < 3; i++) {
            TopicProbe.send(broker.login(BrokerPrincipal.UNLOCK_SERVICE), Topics.UNLOCK_SERVICE_DLQ, "key-" + i, "{\"refused\":" + i + "}",
                    Map.of("dead-letter-reason", "event on registry.users refused: test"));
        }
        awaitGauge(value -> value == before + 3, before + 3 + " records waiting");

        try (Admin admin = Admin.create(broker.adminLogin().clientProperties())) {
            long end = admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION).get(10, TimeUnit.SECONDS).offset();
            admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(end))).all().get(10, TimeUnit.SECONDS);
        }
        awaitGauge(value -> value == 0, "no record waiting after the operator deleted them");
    }

    @Test
    void aTopicThatIsNotADeadLetterTopicIsRefusedAtStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new DeadLetterRecordsGauge(Map.of(), configWithDeadLetterTopic(Topics.REGISTRY_USERS), new SimpleMeterRegistry()));
        assertTrue(refused.getMessage().contains("registry.users"), refused.getMessage());
    }

    private static double awaitGauge(java.util.function.DoublePredicate wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double value = gauge();
        while (!wanted.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gauge never showed " + what + "; it shows " + value);
            }
            Thread.sleep(200);
            value = gauge();
        }
        return value;
    }

    private static double gauge() {
        String prefix = "events_dead_letter_records{topic=\"" + Topics.UNLOCK_SERVICE_DLQ + "\"} ";
        return given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no gauge " + prefix.trim() + " in the scrape"));
    }

    /** The configuration a service would give, with {@code topic} as its dead-letter topic. */
    private static EventsConfig configWithDeadLetterTopic(String topic) {
        EventsConfig.DeadLetter deadLetter = (EventsConfig.DeadLetter) Proxy.newProxyInstance(EventsConfig.class.getClassLoader(),
                new Class<?>[]{EventsConfig.DeadLetter.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "topic" -> topic;
                    case "refreshInterval" -> Duration.ofSeconds(60);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (EventsConfig) Proxy.newProxyInstance(EventsConfig.class.getClassLoader(), new Class<?>[]{EventsConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "deadLetter" -> deadLetter;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
