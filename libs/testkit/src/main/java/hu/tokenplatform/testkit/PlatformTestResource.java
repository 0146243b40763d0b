package hu.tokenplatform.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a service's {@code @QuarkusTest}s a real Kafka broker ({@link KafkaBroker}) and a fresh PostgreSQL database
 * ({@link PostgresDatabase}), and points the application at them.
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
 * The database name starts with the init argument {@code database-prefix} (default {@code tp_test}):
 * {@code @QuarkusTestResource(value = PlatformTestResource.class, initArgs = @ResourceArg(name = "database-prefix",
 * value = "registry"))}.
 * <p>
 * A test reaches the broker through a field annotated with {@link InjectKafkaBroker}, its address through the
 * {@code kafka.bootstrap.servers} config property.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the start of the database name. */
    public static final String DATABASE_PREFIX = "database-prefix";

    /** The broker of the resource started last, for code that has no test-class field to inject into. */
    private static volatile KafkaBroker current;

    private String databasePrefix = "tp_test";
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
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
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
