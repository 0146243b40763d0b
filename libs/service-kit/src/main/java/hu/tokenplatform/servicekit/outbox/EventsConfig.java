package hu.tokenplatform.servicekit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service publishes its events: the same properties in every service, only the values differ. */
@ConfigMapping(prefix = "platform.events")
public interface EventsConfig {

    /** CloudEvents source of everything this service publishes, e.g. {@code /token-registry}. */
    String source();

    Outbox outbox();

    Health health();

    DeadLetter deadLetter();

    interface Outbox {
        /** How often the relay looks for unpublished events. */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("200")
        int batchSize();

        /** How long one send to Kafka may take before the relay gives up and retries later. */
        @WithDefault("PT10S")
        Duration sendTimeout();

        /**
         * Micrometer name of the gauge of events not yet on Kafka ({@link OutboxBacklogGauge}), in the service's own
         * namespace, e.g. {@code unlock.outbox.backlog}: dashboards know each service's by its name.
         */
        String backlogMetric();

        /** How often that gauge is recounted from the database. */
        @WithDefault("15s")
        Duration backlogRefreshInterval();
    }

    /** The service's own dead-letter topic, where its consumers put the records they refuse or cannot apply. */
    interface DeadLetter {
        /** One of {@code Topics.DEAD_LETTER_TOPICS}, e.g. {@code unlock-service.dlq}, the one its channels write. */
        String topic();

        /** How often the records waiting there are counted (hu.tokenplatform.servicekit.kafka.DeadLetterRecordsGauge). */
        @WithDefault("60s")
        Duration refreshInterval();
    }

    interface Health {
        /** How long the readiness check waits for the broker before it reports Kafka DOWN. */
        @WithDefault("1s")
        Duration timeout();
    }
}
