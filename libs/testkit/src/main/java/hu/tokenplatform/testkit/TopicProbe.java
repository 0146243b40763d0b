package hu.tokenplatform.testkit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads topics in the background so that a test can wait for the events a service publishes, and sends records
 * as another service would.
 * <p>
 * Every probe consumes with its own consumer group from the earliest offset, so it sees everything on its topics,
 * also what was published before it subscribed: match on something unique to the test (a key, an id).
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_LISTED_RECORDS = 100;
    private static final int VALUE_PREVIEW_CHARS = 200;

    private final KafkaConsumer<String, String> consumer;
    private final List<String> topics;
    /** Everything consumed so far; also the monitor the poller notifies on. */
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final Thread poller;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    private TopicProbe(KafkaConsumer<String, String> consumer, List<String> topics) {
        this.consumer = consumer;
        this.topics = topics;
        this.poller = new Thread(this::poll, "topic-probe-" + String.join(",", topics));
        this.poller.setDaemon(true);
    }

    /** Starts consuming {@code topics} (created on the broker if missing) from their beginning. */
    public static TopicProbe subscribe(String bootstrapServers, String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("no topic to subscribe to");
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Nothing reads the group's offsets again; committing would only add traffic.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        TopicProbe probe = new TopicProbe(consumer, List.of(topics));
        probe.poller.start();
        return probe;
    }

    /** What has been consumed so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * Waits for the first record that matches.
     *
     * @throws AssertionError if none arrives in time; the message lists the records that did
     */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return awaitCount(match, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} records match and returns all matching records consumed by then, so a
     * caller can check that there are not more than expected.
     *
     * @throws AssertionError if fewer arrive in time; the message lists the records that did
     */
    public List<ConsumerRecord<String, String>> awaitCount(Predicate<ConsumerRecord<String, String>> match,
                                                           int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                List<ConsumerRecord<String, String>> matching = records.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                if (failure != null) {
                    throw new AssertionError("the consumer of " + topics + " failed", failure);
                }
                if (closed) {
                    throw new IllegalStateException("probe on " + topics + " is closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " matching record(s) on " + topics + " within "
                            + timeout + " but " + matching.size() + " matched; " + seen());
                }
                try {
                    records.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for records on " + topics, e);
                }
            }
        }
    }

    /** Stops consuming; the records stay readable. */
    @Override
    public void close() {
        closed = true;
        if (poller.isAlive()) {
            consumer.wakeup();
        }
        try {
            poller.join(CLOSE_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one record and waits for all in-sync replicas to have it. */
    public static void send(String bootstrapServers, String topic, String key, String value) {
        send(bootstrapServers, topic, key, value, Map.of());
    }

    /**
     * Sends one record with headers (UTF-8 values) and waits for all in-sync replicas to have it.
     *
     * @throws IllegalStateException if the broker does not take it
     */
    public static void send(String bootstrapServers, String topic, String key, String value,
                            Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // Fail a test within seconds rather than after the one-minute client defaults.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + " on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    private void poll() {
        try {
            consumer.subscribe(topics);
            while (!closed) {
                ConsumerRecords<String, String> batch = consumer.poll(POLL_TIMEOUT);
                if (!batch.isEmpty()) {
                    synchronized (records) {
                        batch.forEach(records::add);
                        records.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            synchronized (records) {
                records.notifyAll();
            }
        }
    }

    /** Caller holds the lock on {@link #records}. */
    private String seen() {
        if (records.isEmpty()) {
            return "no record arrived at all";
        }
        StringBuilder text = new StringBuilder("seen " + records.size() + " record(s):");
        int from = Math.max(0, records.size() - MAX_LISTED_RECORDS);
        if (from > 0) {
            text.append("\n  ... ").append(from).append(" earlier record(s) left out");
        }
        for (ConsumerRecord<String, String> record : records.subList(from, records.size())) {
            String value = record.value();
            String preview = value == null || value.length() <= VALUE_PREVIEW_CHARS
                    ? value : value.substring(0, VALUE_PREVIEW_CHARS) + "...";
            text.append("\n  ").append(record.topic()).append('-').append(record.partition()).append('@')
                    .append(record.offset()).append(" key=").append(record.key()).append(" value=").append(preview);
        }
        return text.toString();
    }
}
