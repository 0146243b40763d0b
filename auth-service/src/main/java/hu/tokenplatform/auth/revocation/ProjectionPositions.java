package hu.tokenplatform.auth.revocation;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Map;

/**
 * The projection's database, not Kafka's committed offsets, says where reading resumes: on every assignment each
 * partition is sought to the next offset the projection has applied ({@link ProjectionOffsets}). A record that was
 * acknowledged without being applied (the service stopped while it was being retried, a database restored to an
 * earlier state) is read again instead of being left behind a later offset that would prove the projection
 * current. Records applied before are recognised by the inbox and change nothing.
 */
@ApplicationScoped
@Identifier(ProjectionPositions.NAME)
public class ProjectionPositions implements KafkaConsumerRebalanceListener {

    /** {@code mp.messaging.incoming.registry-*.consumer-rebalance-listener.name}. */
    public static final String NAME = "registry-projection-positions";

    private static final Logger LOG = Logger.getLogger(ProjectionPositions.class);

    @Inject
    ProjectionOffsets offsets;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> applied = offsets.applied(partitions.stream().map(TopicPartition::topic).distinct().toList());
        for (TopicPartition partition : partitions) {
            Long next = applied.get(partition);
            if (next != null) {
                consumer.seek(partition, next);
                LOG.debugf("Registry projection resumes %s at %d", partition, next);
            }
        }
    }
}
