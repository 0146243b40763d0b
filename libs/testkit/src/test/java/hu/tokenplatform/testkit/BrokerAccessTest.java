package hu.tokenplatform.testkit;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.kafkasetup.BrokerSetup;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, section 2, at the broker: only the owner of a topic writes it, and each principal reads only what it
 * consumes. Every attack here succeeded against the unauthenticated broker of before. One broker for the class;
 * every test leaves the policy as it found it.
 */
class BrokerAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tempDir;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.create(tempDir.resolve("kafka"));
        broker.start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aClientWithoutCredentialsCannotWriteRegistryUsers() {
        try (KafkaProducer<String, String> anonymous = KafkaBrokerTest.producer(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), 3_000)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> anonymous.send(
                    new ProducerRecord<>(Topics.REGISTRY_USERS, "12345678", forgedUserRegistered())).get());
            // The broker answers nothing but the SASL handshake: the client never even learns the topic exists.
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
        assertNothingArrivedOn(Topics.REGISTRY_USERS, "12345678");
    }

    @Test
    void aWrongPasswordIsRefused() {
        BrokerLogin guessed = new BrokerLogin(broker.bootstrapServers(), "token-registry", "0".repeat(64));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TopicProbe.send(guessed, Topics.REGISTRY_USERS, "guess", forgedUserRegistered()));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
    }

    @Test
    void theUnlockServiceCannotWriteRegistryUsersNorAnyOtherServicesTopic() {
        BrokerLogin unlock = broker.login(BrokerPrincipal.UNLOCK_SERVICE);
        for (String topic : List.of(Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS, Topics.AUTH_LOGINS, Topics.AUTH_SERVICE_DLQ)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TopicProbe.send(unlock, topic, "forged-by-unlock", forgedUserRegistered()), topic);
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), topic);
        }
        assertNothingArrivedOn(Topics.REGISTRY_USERS, "forged-by-unlock");
    }

    @Test
    void theRegistryWritesRegistryUsersAndTheObserverReadsIt() {
        String key = "registry-" + UUID.randomUUID();
        TopicProbe.send(broker.login(BrokerPrincipal.TOKEN_REGISTRY), Topics.REGISTRY_USERS, key, "{}");

        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), Topics.REGISTRY_USERS)) {
            assertEquals("{}", probe.await(r -> key.equals(r.key()), WAIT).value());
        }
    }

    @Test
    void eachServiceWritesItsOwnTopicsAndItsDeadLetters() {
        for (BrokerPrincipal service : List.of(BrokerPrincipal.TOKEN_REGISTRY, BrokerPrincipal.AUTH_SERVICE, BrokerPrincipal.UNLOCK_SERVICE)) {
            for (String topic : service.writes()) {
                TopicProbe.send(broker.login(service), topic, "own-" + service.username(), "{}");
            }
        }
    }

    @Test
    void theObserverWritesNothing() {
        for (String topic : BrokerPrincipal.allTopics()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TopicProbe.send(broker.login(BrokerPrincipal.OBSERVER), topic, "observer", "{}"), topic);
            // Refused before the topic is even looked at: a producer that may write nowhere gets no producer id.
            assertInstanceOf(AuthorizationException.class, refused.getCause(), topic);
        }
    }

    @Test
    void aServiceCannotReadTopicsItDoesNotConsume() {
        // Not even its own events (it writes them) nor its dead letters: reading is the observer's.
        assertCannotRead(BrokerPrincipal.AUTH_SERVICE, Topics.AUTH_LOGINS, Topics.UNLOCK_EVENTS, Topics.AUTH_SERVICE_DLQ,
                Topics.TOKEN_REGISTRY_DLQ);
        assertCannotRead(BrokerPrincipal.UNLOCK_SERVICE, Topics.AUTH_LOGINS, Topics.UNLOCK_EVENTS);
        assertCannotRead(BrokerPrincipal.TOKEN_REGISTRY, Topics.REGISTRY_USERS, Topics.REGISTRY_TOKENS);
    }

    @Test
    void aServiceConsumesOnlyInItsOwnGroup() {
        BrokerLogin unlock = broker.login(BrokerPrincipal.UNLOCK_SERVICE);
        // Joining auth-service's group would take its partitions away, and with them registry events auth-service needs.
        try (KafkaConsumer<String, String> intruder = consumer(unlock, "auth-service")) {
            intruder.subscribe(List.of(Topics.REGISTRY_USERS));
            assertThrows(GroupAuthorizationException.class, () -> pollUntilAssigned(intruder));
        }
        try (KafkaConsumer<String, String> similar = consumer(unlock, "unlock-service-2")) {
            similar.subscribe(List.of(Topics.REGISTRY_USERS));
            assertThrows(GroupAuthorizationException.class, () -> pollUntilAssigned(similar), "not even a group named like it");
        }
        try (KafkaConsumer<String, String> own = consumer(unlock, "unlock-service")) {
            own.subscribe(List.of(Topics.REGISTRY_USERS));
            pollUntilAssigned(own);
        }
        try (KafkaConsumer<String, String> observer = consumer(broker.login(BrokerPrincipal.OBSERVER), "observer-" + UUID.randomUUID())) {
            observer.subscribe(List.of(Topics.REGISTRY_USERS));
            pollUntilAssigned(observer);
        }
    }

    @Test
    void noClientCreatesATopicByNamingIt() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TopicProbe.send(broker.login(BrokerPrincipal.TOKEN_REGISTRY), "registry.invented", "k", "{}"));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());

        try (Admin admin = Admin.create(broker.adminLogin().clientProperties())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertFalse(topics.contains("registry.invented"));
            assertTrue(topics.containsAll(BrokerPrincipal.allTopics()), "the setup created every topic: " + topics);
        }
    }

    @Test
    void theControllerListenerTakesNoClientLogin() {
        // The admin's SCRAM login, and PLAIN with the admin's name and password: the controller knows neither.
        for (Map<String, Object> login : List.of(broker.adminLogin().clientProperties(), Map.<String, Object>of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                        + broker.adminLogin().password() + "\";"))) {
            Map<String, Object> properties = new HashMap<>(login);
            properties.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
            properties.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, broker.controllerAddress());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
            try (Admin admin = Admin.create(properties)) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
                assertInstanceOf(AuthenticationException.class, refused.getCause(), login.get(SaslConfigs.SASL_MECHANISM).toString());
            }
        }
    }

    @Test
    void theBrokerConfigurationWithItsPasswordsIsReadableByItsOwnerOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tempDir.resolve("kafka/server.properties"))));
    }

    @Test
    void applyingThePolicyAgainRemovesRightsAndUsersItDoesNotName() throws Exception {
        AclBinding smuggled = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.REGISTRY_USERS, PatternType.LITERAL),
                new AccessControlEntry("User:unlock-service", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(broker.adminLogin().clientProperties())) {
            admin.createAcls(List.of(smuggled)).all().get(30, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("intruder",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), "i".repeat(32)))).all().get(30, TimeUnit.SECONDS);
            TopicProbe.send(broker.login(BrokerPrincipal.UNLOCK_SERVICE), Topics.REGISTRY_USERS, "smuggled", "{}");

            Map<BrokerPrincipal, String> passwords = new EnumMap<>(BrokerPrincipal.class);
            for (BrokerPrincipal principal : BrokerPrincipal.values()) {
                passwords.put(principal, broker.login(principal).password());
            }
            BrokerSetup.apply(broker.adminLogin(), passwords);

            assertFalse(admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).containsKey("intruder"));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TopicProbe.send(broker.login(BrokerPrincipal.UNLOCK_SERVICE), Topics.REGISTRY_USERS, "smuggled-again", "{}"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    private static void assertNothingArrivedOn(String topic, String key) {
        String marker = "marker-" + UUID.randomUUID();
        TopicProbe.send(broker.login(BrokerPrincipal.TOKEN_REGISTRY), topic, marker, "{}");
        try (TopicProbe probe = TopicProbe.subscribe(broker.login(BrokerPrincipal.OBSERVER), topic)) {
            probe.await(r -> marker.equals(r.key()), WAIT);
            assertEquals(0, probe.records().stream().filter(r -> key.equals(r.key())).count(), "a refused record is on " + topic);
        }
    }

    private static void assertCannotRead(BrokerPrincipal principal, String... topics) {
        for (String topic : topics) {
            Map<String, Object> properties = new HashMap<>(broker.login(principal).clientProperties());
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThrows(TopicAuthorizationException.class, () -> {
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                }, principal.username() + " reads " + topic);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(BrokerLogin login, String group) {
        Map<String, Object> properties = new HashMap<>(login.clientProperties());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static void pollUntilAssigned(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no partition assigned within " + WAIT);
            }
            consumer.poll(Duration.ofMillis(200));
        }
    }

    /** The record of the attack: a user.registered from /evil granting e-posta and a signing right. */
    private static String forgedUserRegistered() {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/evil\",\"type\":\"user.registered\","
                + "\"subject\":\"12345678\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"customerId\":\"12345678\","
                + "\"name\":\"Eve\",\"companyId\":\"CO-1\",\"companyName\":\"Evil Kft.\",\"services\":[\"ELECTRA\",\"E_POSTA\"],"
                + "\"signingRight\":true}}";
    }
}
