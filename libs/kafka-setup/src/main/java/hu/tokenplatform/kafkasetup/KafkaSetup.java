package hu.tokenplatform.kafkasetup;

import hu.tokenplatform.events.BrokerPrincipal;
import org.apache.kafka.common.Uuid;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The broker setup as a command, for {@code deploy/local-kafka.sh} and the test kit's forked broker. Passwords come
 * from the environment, never from the command line, which other users of the machine can read:
 * {@code KAFKA_ADMIN_PASSWORD}, {@code KAFKA_CONTROLLER_PASSWORD} and one {@code KAFKA_<PRINCIPAL>_PASSWORD} per
 * {@link BrokerPrincipal} ({@link #passwordVariable(BrokerPrincipal)}, e.g. {@code KAFKA_TOKEN_REGISTRY_PASSWORD}).
 * <pre>
 * password-variables                                   prints the names of the password variables, one a line
 * server-properties HOST CLIENT-PORT CONTROLLER-PORT   prints the security settings of server.properties
 * format SERVER-PROPERTIES                             formats the storage with the admin's SCRAM credential
 * apply BOOTSTRAP-SERVERS                              topics, principals' credentials and ACLs, as the admin
 * </pre>
 */
public final class KafkaSetup {

    public static final String ADMIN_PASSWORD = "KAFKA_ADMIN_PASSWORD";
    public static final String CONTROLLER_PASSWORD = "KAFKA_CONTROLLER_PASSWORD";

    private KafkaSetup() {
    }

    /** The environment variable that holds a principal's password, e.g. {@code KAFKA_UNLOCK_SERVICE_PASSWORD}. */
    public static String passwordVariable(BrokerPrincipal principal) {
        return "KAFKA_" + principal.name() + "_PASSWORD";
    }

    /** Every password variable the broker and its setup need: admin, controller, then one per principal. */
    public static List<String> passwordVariables() {
        return Stream.concat(Stream.of(ADMIN_PASSWORD, CONTROLLER_PASSWORD),
                Arrays.stream(BrokerPrincipal.values()).map(KafkaSetup::passwordVariable)).toList();
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.getenv()::get, System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("kafka-setup: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args, Function<String, String> environment, PrintStream out) {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "password-variables" -> {
                requireArguments(args, 1);
                passwordVariables().forEach(out::println);
                return 0;
            }
            case "server-properties" -> {
                requireArguments(args, 4);
                BrokerSecurity.singleNodeProperties(args[1], port(args[2]), port(args[3]),
                                required(environment, ADMIN_PASSWORD), required(environment, CONTROLLER_PASSWORD))
                        .forEach((key, value) -> out.println(key + "=" + value));
                return 0;
            }
            case "format" -> {
                requireArguments(args, 2);
                Path config = Path.of(args[1]);
                if (!Files.isRegularFile(config)) {
                    throw new IllegalArgumentException("no server properties at " + config);
                }
                return format(config, required(environment, ADMIN_PASSWORD), out);
            }
            case "apply" -> {
                requireArguments(args, 2);
                Map<BrokerPrincipal, String> passwords = new EnumMap<>(BrokerPrincipal.class);
                for (BrokerPrincipal principal : BrokerPrincipal.values()) {
                    passwords.put(principal, required(environment, passwordVariable(principal)));
                }
                BrokerSetup.apply(new BrokerLogin(args[1], BrokerSecurity.ADMIN, required(environment, ADMIN_PASSWORD)), passwords);
                return 0;
            }
            default -> {
                System.err.println("usage: kafka-setup password-variables | server-properties HOST CLIENT-PORT CONTROLLER-PORT"
                        + " | format SERVER-PROPERTIES | apply BOOTSTRAP-SERVERS (passwords from the environment)");
                return 2;
            }
        }
    }

    /**
     * Formats the storage of a new broker under a fresh cluster id, with the admin's SCRAM credential in its first
     * metadata records: the broker needs it to talk to itself before anyone could create it through the Admin API.
     * Kafka's storage tool takes it only as an argument, which here stays inside this process.
     *
     * @return the storage tool's exit status
     */
    public static int format(Path serverProperties, String adminPassword, PrintStream out) {
        BrokerSecurity.requirePassword(BrokerSecurity.ADMIN, adminPassword);
        try {
            return kafka.tools.StorageTool.execute(new String[]{
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString(),
                    "--add-scram", BrokerLogin.SASL_MECHANISM + "=[name=" + BrokerSecurity.ADMIN + ",password=" + adminPassword + "]"},
                    out);
        } catch (RuntimeException e) {
            // Kafka's own message (e.g. already formatted); the arguments, password included, are not in it.
            throw new IllegalStateException("formatting " + serverProperties + " failed: " + e.getMessage(), e);
        }
    }

    private static String required(Function<String, String> environment, String variable) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("not a port: " + value);
    }

    private static void requireArguments(String[] args, int count) {
        if (args.length != count) {
            throw new IllegalArgumentException(args[0] + " takes " + (count - 1) + " argument(s), got " + (args.length - 1));
        }
    }
}
