package hu.tokenplatform.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One broker for the class: starting one costs seconds. Every test uses its own topic. */
class KafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tempDir;

    static Path workDir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        workDir = tempDir.resolve("kafka");
        long creating = System.nanoTime();
        broker = KafkaBroker.create(workDir);
        System.out.printf("testkit: Kafka storage formatted in %d ms%n", (System.nanoTime() - creating) / 1_000_000);
        assertFalse(broker.isRunning());
        assertTrue(Files.exists(workDir.resolve("data/meta.properties")), "storage formatted");
        long started = System.nanoTime();
        broker.start();
        System.out.printf("testkit: Kafka broker started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(broker.isRunning());
    }

    @AfterAll
    static void closeBroker() {
        if (broker == null) {
            return;
        }
        broker.close();
        assertFalse(broker.isRunning());
        assertFalse(Files.exists(workDir), "work directory deleted");
    }

    @Test
    void aSentRecordReachesTheProbeWithItsHeaders() {
        String topic = "testkit.round-trip";
        broker.createTopics(topic);
        String key = UUID.randomUUID().toString();
        try (TopicProbe probe = TopicProbe.subscribe(broker.adminLogin(), topic)) {
            TopicProbe.send(broker.adminLogin(), topic, key, "{\"hello\":1}", Map.of("ce_type", "token.issued"));

            ConsumerRecord<String, String> record = probe.await(r -> key.equals(r.key()), WAIT);
            assertEquals(topic, record.topic());
            assertEquals("{\"hello\":1}", record.value());
            assertEquals("token.issued",
                    new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
            assertEquals(List.of(record), probe.records());
        }
    }

    @Test
    void aProbeThatWaitsInVainSaysWhatItSaw() {
        String topic = "testkit.in-vain";
        broker.createTopics(topic);
        String longValue = "v".repeat(300);
        TopicProbe.send(broker.adminLogin(), topic, "seen-key", longValue);
        try (TopicProbe probe = TopicProbe.subscribe(broker.adminLogin(), topic)) {
            probe.await(r -> "seen-key".equals(r.key()), WAIT);

            AssertionError none = assertThrows(AssertionError.class,
                    () -> probe.await(r -> "other-key".equals(r.key()), Duration.ofMillis(500)));
            assertTrue(none.getMessage().contains("0 matched"), none.getMessage());
            assertTrue(none.getMessage().contains("key=seen-key value=" + "v".repeat(200) + "..."), none.getMessage());
            assertFalse(none.getMessage().contains("v".repeat(201)), "value preview is cut at 200 characters");

            AssertionError tooFew = assertThrows(AssertionError.class,
                    () -> probe.awaitCount(r -> "seen-key".equals(r.key()), 2, Duration.ofMillis(500)));
            assertTrue(tooFew.getMessage().contains("expected 2 matching record(s) on [" + topic + "]"), tooFew.getMessage());
            assertTrue(tooFew.getMessage().contains("1 matched"), tooFew.getMessage());
        }
    }

    @Test
    void dataSurvivesAnOutageAndTheAddressStaysTheSame() throws Exception {
        String topic = "testkit.outage";
        broker.createTopics(topic);
        String address = broker.bootstrapServers();
        TopicProbe.send(broker.adminLogin(), topic, "before-outage", "kept");

        long stopping = System.nanoTime();
        broker.stop();
        System.out.printf("testkit: Kafka broker stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        assertFalse(broker.isRunning());
        try (KafkaProducer<String, String> producer = producer(broker.adminLogin().clientProperties(), 2_000)) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(topic, "during-outage", "lost")).get());
            assertInstanceOf(TimeoutException.class, failure.getCause());
        }

        long starting = System.nanoTime();
        broker.start();
        System.out.printf("testkit: Kafka broker restarted in %d ms%n", (System.nanoTime() - starting) / 1_000_000);
        assertTrue(broker.isRunning());
        assertEquals(address, broker.bootstrapServers());

        TopicProbe.send(broker.adminLogin(), topic, "after-outage", "new");
        try (TopicProbe probe = TopicProbe.subscribe(broker.adminLogin(), topic)) {
            List<ConsumerRecord<String, String>> records = probe.awaitCount(r -> true, 2, WAIT);
            assertEquals(List.of("before-outage", "after-outage"), records.stream().map(ConsumerRecord::key).toList());
            assertEquals(List.of("kept", "new"), records.stream().map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void aBrokerThatCannotStartFailsWithTheEndOfItsLog() throws Exception {
        KafkaBroker blocked = KafkaBroker.create(tempDir.resolve("blocked"));
        int port = Integer.parseInt(blocked.bootstrapServers().substring(blocked.bootstrapServers().indexOf(':') + 1));
        try (ServerSocket squatter = new ServerSocket(port, 0, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, blocked::start);
            assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
            assertFalse(blocked.isRunning());
        } finally {
            blocked.close();
        }
    }

    static KafkaProducer<String, String> producer(Map<String, Object> login, int maxBlockMs) {
        Map<String, Object> properties = new java.util.HashMap<>(login);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }
}
