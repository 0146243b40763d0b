package hu.tokenplatform.servicekit.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Admin clients logged in the way the service's own Kafka channels are: the connection and SASL settings of the
 * {@code kafka.*} configuration ({@code @Identifier("default-kafka-broker")}), the rest dropped.
 */
public final class KafkaAdmins {

    private KafkaAdmins() {
    }

    /**
     * @param reconnectBackoffMaxMs how soon, at most, the client looks for a broker that went away: short for checks
     *                              that must notice its return quickly
     */
    public static Admin create(Map<String, Object> kafkaConfig, String clientId, int reconnectBackoffMaxMs) {
        Map<String, Object> properties = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, reconnectBackoffMaxMs);
        return Admin.create(properties);
    }
}
