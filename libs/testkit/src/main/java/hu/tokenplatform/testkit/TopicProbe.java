package hu.tokenplatform.testkit;

import hu.tokenplatform.kafkasetup.BrokerLogin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads topics in the background so that a test can wait for the events a service publishes, and sends records
 * as another service would, logged in to the broker as a principal ({@link KafkaBroker#login}): the broker lets it
 * do what that principal may, no more. Tests read as the observer and write as the topic's owner they play.
 * <p>
 * Every probe reads all partitions of its topics from the beginning, without a consumer group (so it needs no
 * group ACL and disturbs no service's group), and sees everything on its topics, also what was published before it
 * subscribed: match on something unique to the test (a key, an id).
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

    /**
     * Starts reading {@code topics} from their beginning as {@code login}.
     *
     * @throws org.apache.kafka.common.errors.TopicAuthorizationException if the principal may not read one of them
     * @throws IllegalArgumentException                                     if a topic does not exist
     */
    public static TopicProbe subscribe(BrokerLogin login, String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("no topic to subscribe to");
        }
        Map<String, Object> properties = new HashMap<>(login.clientProperties());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // No group: nothing reads offsets again, and the principal needs no group of its own to watch a topic.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("no topic " + topic + " on " + login.bootstrapServers());
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
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

    /** Sends one record as {@code login} and waits for all in-sync replicas to have it. */
    public static void send(BrokerLogin login, String topic, String key, String value) {
        send(login, topic, key, value, Map.of());
    }

    /**
     * Sends one record with headers (UTF-8 values) as {@code login} and waits for all in-sync replicas to have it.
     *
     * @throws IllegalStateException if the broker does not take it; its cause is Kafka's exception, e.g. a
     *                               {@link org.apache.kafka.common.errors.TopicAuthorizationException}
     */
    public static void send(BrokerLogin login, String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> properties = new HashMap<>(login.clientProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // Fail a test within seconds rather than after the one-minute client defaults.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + " as " + login + ": " + e.getCause().getMessage(), e.getCause());
        } catch (KafkaException e) {
            // A producer the broker refused a producer id fails the send itself, at once, with the refusal as its cause:
            // which of the two ways a refusal shows depends only on timing.
            Throwable refusal = e instanceof AuthorizationException || e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot send to " + topic + " as " + login + ": " + refusal.getMessage(), refusal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    private void poll() {
        try {
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
