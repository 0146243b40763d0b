package hu.tokenplatform.kafkasetup;

import hu.tokenplatform.events.BrokerPrincipal;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link BrokerPrincipal}'s policy as Kafka ACLs, allow rules only (the broker refuses whatever no rule allows):
 * WRITE on each topic a principal writes, READ on each topic it reads, READ on its consumer group. WRITE and READ
 * imply DESCRIBE; an idempotent producer needs nothing on the cluster (KIP-679). Nobody but the admin may create,
 * delete or alter topics, ACLs or credentials.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Every ACL binding of the platform's broker. */
    public static Set<AclBinding> aclBindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (BrokerPrincipal principal : BrokerPrincipal.values()) {
            for (String topic : principal.writes()) {
                bindings.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), AclOperation.WRITE));
            }
            for (String topic : principal.reads()) {
                bindings.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), AclOperation.READ));
            }
            if (!principal.reads().isEmpty()) {
                PatternType groupPattern = principal.consumerGroupIsPrefix() ? PatternType.PREFIXED : PatternType.LITERAL;
                bindings.add(allow(principal, new ResourcePattern(ResourceType.GROUP, principal.consumerGroup(), groupPattern),
                        AclOperation.READ));
            }
        }
        return bindings;
    }

    /** {@code User:<name>}, as the broker's default principal builder names a SCRAM user. */
    public static String kafkaPrincipal(BrokerPrincipal principal) {
        return "User:" + principal.username();
    }

    private static AclBinding allow(BrokerPrincipal principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(kafkaPrincipal(principal), "*", operation, AclPermissionType.ALLOW));
    }
}
