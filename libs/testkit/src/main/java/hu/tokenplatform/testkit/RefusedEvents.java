package hu.tokenplatform.testkit;

import hu.tokenplatform.events.BrokerPrincipal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a service did with the events it refused as not its topic owner's (libs/service-kit's inbox): the
 * {@code events_refused_total} counter of its Prometheus scrape and the record in its dead-letter topic.
 */
public final class RefusedEvents {

    private RefusedEvents() {
    }

    /** The {@code events_refused_total} counter for {@code topic} and {@code reason} in a scrape, 0 if absent. */
    public static double count(String prometheusScrape, String topic, String reason) {
        return prometheusScrape.lines()
                .filter(line -> line.startsWith("events_refused_total{") && line.contains("topic=\"" + topic + "\"")
                        && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /**
     * Waits until the record of event {@code eventId} is in {@code service}'s dead-letter topic, read as the observer.
     *
     * @return the dead-lettered record; its {@code dead-letter-reason} header is {@link #reason}
     */
    public static ConsumerRecord<String, String> awaitDeadLetter(KafkaBroker broker, BrokerPrincipal service, String eventId,
                                                                Duration timeout) {
        String topic = service.deadLetterTopic().orElseThrow();
        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), topic)) {
            return probe.await(record -> record.value() != null && record.value().contains("\"" + eventId + "\""), timeout);
        }
    }

    /** Why the consumer gave the record up, as SmallRye's dead-letter strategy recorded it. */
    public static String reason(ConsumerRecord<String, String> deadLetter) {
        Header header = deadLetter.headers().lastHeader("dead-letter-reason");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
