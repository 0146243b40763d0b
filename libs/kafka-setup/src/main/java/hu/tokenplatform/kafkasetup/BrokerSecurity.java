package hu.tokenplatform.kafkasetup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings that make a single-node KRaft broker (combined broker and controller) the platform's broker: every
 * connection authenticated, every request authorised by ACLs, no topic created by a client. The test kit's broker
 * and {@code deploy/local-kafka.sh} both take them from here; each adds only its paths and tuning.
 * <ul>
 * <li>Clients (the services, the observer, the admin) log in with SASL/SCRAM-SHA-512 on the client listener. The
 * broker keeps only salted, iterated SCRAM credentials in its metadata log; the admin's is written there when the
 * storage is formatted ({@link KafkaSetup}{@code format}), the others by {@link BrokerSetup} through the Admin API.
 * The broker talks to itself on this listener as {@code admin}.</li>
 * <li>The controller listener uses SASL/PLAIN with a generated {@code controller} credential that only the broker's
 * own configuration holds. SCRAM cannot serve there: its credentials live in the metadata log the controller quorum
 * serves, and a controller must authenticate its peers before it has read that log; KRaft supports PLAIN, GSSAPI,
 * OAUTHBEARER and TLS client certificates on that listener. PLAIN sends the password, so this listener must run
 * SASL_SSL (or mutual TLS) wherever it is not loopback; on one machine's loopback nobody but root can read it.</li>
 * <li>{@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: whatever no ACL allows is refused.
 * Super users are the admin and the controller only.</li>
 * </ul>
 */
public final class BrokerSecurity {

    /** The broker's super user, which applies the access policy; its SCRAM credential is bootstrapped at format time. */
    public static final String ADMIN = "admin";
    /** The principal of the controller listener (broker ↔ controller). */
    public static final String CONTROLLER = "controller";

    static final String CLIENT_LISTENER = "CLIENTS";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** No quotes or backslashes: a password goes into a JAAS configuration string. */
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~+/=-]{24,256}");

    private BrokerSecurity() {
    }

    /**
     * The {@code server.properties} entries of a single-node broker listening on {@code host}: clients on
     * {@code clientPort}, the controller on {@code controllerPort}.
     */
    public static Map<String, String> singleNodeProperties(String host, int clientPort, int controllerPort,
                                                           String adminPassword, String controllerPassword) {
        requirePassword(ADMIN, adminPassword);
        requirePassword(CONTROLLER, controllerPassword);
        String clients = host + ":" + clientPort;
        String controller = host + ":" + controllerPort;
        String clientPrefix = "listener.name." + CLIENT_LISTENER.toLowerCase() + ".";
        String controllerPrefix = "listener.name." + CONTROLLER_LISTENER.toLowerCase() + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + controller);
        properties.put("listeners", CLIENT_LISTENER + "://" + clients + "," + CONTROLLER_LISTENER + "://" + controller);
        properties.put("advertised.listeners", CLIENT_LISTENER + "://" + clients);
        properties.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        properties.put("inter.broker.listener.name", CLIENT_LISTENER);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put(clientPrefix + "sasl.enabled.mechanisms", BrokerLogin.SASL_MECHANISM);
        properties.put("sasl.mechanism.inter.broker.protocol", BrokerLogin.SASL_MECHANISM);
        properties.put(clientPrefix + BrokerLogin.SASL_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                BrokerLogin.scramJaasConfig(ADMIN, adminPassword));
        properties.put(controllerPrefix + "sasl.enabled.mechanisms", "PLAIN");
        properties.put("sasl.mechanism.controller.protocol", "PLAIN");
        properties.put(controllerPrefix + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
                        + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER + "=\"" + controllerPassword + "\";");
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.put("allow.everyone.if.no.acl.found", "false");
        properties.put("super.users", "User:" + ADMIN + ";User:" + CONTROLLER);
        // Topics exist because the setup created them, never because a client named one.
        properties.put("auto.create.topics.enable", "false");
        return properties;
    }

    static void requirePassword(String username, String password) {
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the broker password of " + username
                    + " must be 24 to 256 characters of letters, digits and . _ ~ + / = -");
        }
    }
}
