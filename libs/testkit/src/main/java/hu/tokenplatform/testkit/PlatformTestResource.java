package hu.tokenplatform.testkit;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a service's {@code @QuarkusTest}s a real Kafka broker ({@link KafkaBroker}) and a fresh PostgreSQL database
 * ({@link PostgresDatabase}), and points the application at them, logged in to the broker as the service's own
 * principal.
 * <p>
 * Declare it <b>once</b> per test module, on any one class under {@code src/test/java}:
 * <pre>{@code
 * @QuarkusTestResource(PlatformTestResource.class)
 * class PlatformTestResources {
 * }
 * }</pre>
 * {@code @QuarkusTestResource} (not deprecated in Quarkus 3.33) is global by default
 * ({@code restrictToAnnotatedClass = false}): Quarkus finds it wherever it is, starts the broker and creates the
 * database once before the first {@code @QuarkusTest}, and every test class of the module shares them and a single
 * application start. A test class that uses a {@code @TestProfile} restarts the application and with it this
 * resource (new broker, new database). {@code @WithTestResource} is not used because its Quarkus 3.33 javadoc still
 * advises against it, and its default {@code MATCHING_RESOURCES} scope would have to be repeated on every class to
 * avoid restarts.
 * <p>
 * Init arguments: {@code kafka-principal} (required) is the user name of the {@link BrokerPrincipal} the application
 * logs in as, e.g. {@code token-registry}: the broker then lets the application do exactly what that service may;
 * {@code database-prefix} (default {@code tp_test}) starts the database name:
 * <pre>{@code
 * @QuarkusTestResource(value = PlatformTestResource.class, initArgs = {
 *         @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL, value = "token-registry"),
 *         @ResourceArg(name = PlatformTestResource.DATABASE_PREFIX, value = "tp_registry")})
 * }</pre>
 * The application gets {@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, {@code kafka.sasl.mechanism}
 * and {@code kafka.sasl.jaas.config}. A test reaches the broker through a field annotated with
 * {@link InjectKafkaBroker} (or {@link #broker()}), and logs in as whichever principal it plays with
 * {@link KafkaBroker#login(BrokerPrincipal)}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the start of the database name. */
    public static final String DATABASE_PREFIX = "database-prefix";
    /** Init argument: user name of the principal the application logs in to the broker as. */
    public static final String KAFKA_PRINCIPAL = "kafka-principal";

    /** The broker of the resource started last, for code that has no test-class field to inject into. */
    private static volatile KafkaBroker current;

    private String databasePrefix = "tp_test";
    private BrokerPrincipal principal;
    private PostgresDatabase database;
    private KafkaBroker broker;

    /**
     * The running broker, or {@code null} outside a test run. Prefer an {@link InjectKafkaBroker} field; this is
     * for helpers that are not test classes.
     */
    public static KafkaBroker broker() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.getOrDefault(DATABASE_PREFIX, databasePrefix);
        String username = initArgs.get(KAFKA_PRINCIPAL);
        principal = Arrays.stream(BrokerPrincipal.values()).filter(p -> p.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("init argument " + KAFKA_PRINCIPAL + " must name the "
                        + "service's broker principal, one of " + Arrays.stream(BrokerPrincipal.values())
                        .map(BrokerPrincipal::username).toList() + "; got " + username));
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create(databasePrefix);
        try {
            // Relative to the module being tested, so that 'mvn clean' removes what a killed run leaves behind.
            String workDir = "testkit-kafka-" + UUID.randomUUID().toString().substring(0, 8);
            broker = KafkaBroker.create(Path.of("target", workDir));
            broker.start();
            current = broker;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        BrokerLogin login = broker.login(principal);
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "kafka.security.protocol", BrokerLogin.SECURITY_PROTOCOL,
                "kafka.sasl.mechanism", BrokerLogin.SASL_MECHANISM,
                "kafka.sasl.jaas.config", login.jaasConfig(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password(),
                // No Docker here: Dev Services must not try to start containers for anything.
                "quarkus.devservices.enabled", "false",
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            broker = null;
            current = null;
            if (database != null) {
                database.drop();
                database = null;
            }
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }
}
