package hu.tokenplatform.kafkasetup;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a client logs in to the platform's broker: SASL/SCRAM-SHA-512 as one principal. {@link #toString()} never
 * shows the password.
 *
 * @param bootstrapServers {@code host:port} of the broker's client listener
 * @param username         the SCRAM user, e.g. {@code token-registry}
 * @param password         its password: at least 24 characters of letters, digits and {@code . _ ~ + / = -}
 */
public record BrokerLogin(String bootstrapServers, String username, String password) {

    /** No TLS on the loopback listener of one machine; SASL_SSL where the broker is on a network. */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    /** The password never crosses the wire, and what the broker stores (salted, iterated) does not log anyone in. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public BrokerLogin {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a broker user name is lower-case letters, digits and '-'");
        }
        BrokerSecurity.requirePassword(username, password);
    }

    /** The properties a Kafka producer, consumer or admin client needs to log in as this principal. */
    public Map<String, Object> clientProperties() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL,
                SaslConfigs.SASL_MECHANISM, SASL_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
    }

    /** {@code sasl.jaas.config} of this login. */
    public String jaasConfig() {
        return scramJaasConfig(username, password);
    }

    static String scramJaasConfig(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "BrokerLogin[" + username + "@" + bootstrapServers + "]";
    }
}
