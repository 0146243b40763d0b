package hu.tokenplatform.unlock;

import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.CloudEvent;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.testkit.PlatformTestResource;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.unlock.projection.Customer;
import hu.tokenplatform.unlock.projection.Token;
import hu.tokenplatform.unlock.projection.TokenCertificate;
import hu.tokenplatform.unlock.projection.TokenState;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Publishes registry events to the real broker exactly as token-registry does (logged in as token-registry, with its
 * CloudEvents source, topics and keys, through the event catalogue), then waits until unlock-service has projected
 * them.
 */
public final class Registry {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> USED = new HashSet<>();
    private static final EventCodec CODEC = new EventCodec("/token-registry", Clock.systemUTC());

    private Registry() {
    }

    /** A customer identifier no other test uses. */
    public static synchronized String newCustomerId() {
        String id;
        do {
            id = String.format("%08d", RANDOM.nextInt(100_000_000));
        } while (!USED.add(id));
        return id;
    }

    /** A CSN no other test uses. */
    public static synchronized String newCsn() {
        String csn;
        do {
            byte[] bytes = new byte[6];
            RANDOM.nextBytes(bytes);
            csn = HexFormat.of().withUpperCase().formatHex(bytes);
        } while (!USED.add(csn));
        return csn;
    }

    public static void registerUser(String customerId) {
        publish(new UserRegistered(customerId, "Kiss Anna", "ACME-1", "Acme Kft.", Set.of(ContractedService.ELECTRA), false),
                "officer.kiss");
        awaitProjected(() -> Customer.findById(customerId) != null);
    }

    public static void handOver(String csn, String customerId) {
        publish(new TokenHandedOver(csn, customerId, "ACME-1", "BUD-01", Instant.now(), null), "officer.kiss");
        awaitProjected(() -> Token.findById(csn) != null);
    }

    public static void activate(String csn, String customerId) {
        publish(new TokenActivated(csn, customerId), "service:/auth-service");
        awaitState(csn, TokenState.ACTIVE);
    }

    public static void revoke(String csn, String customerId) {
        publish(new TokenRevoked(csn, customerId, "STOLEN", Instant.now()), "officer.kiss");
        awaitState(csn, TokenState.REVOKED);
    }

    /** A certificate on the token, as the registry announces it at a hand-over. */
    public static String issueCertificate(String csn, String customerId, String usage, Instant notAfter) {
        String serial = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE).toUpperCase(java.util.Locale.ROOT);
        publish(new CertificateIssued(serial, csn, customerId, usage, "CN=" + customerId, Instant.now(), notAfter,
                "0".repeat(64), "-----BEGIN CERTIFICATE-----"), "officer.kiss");
        awaitProjected(() -> TokenCertificate.findById(serial) != null);
        return serial;
    }

    public static void revokeCertificate(String serial, String csn, String customerId, String usage) {
        publish(new CertificateRevoked(serial, csn, customerId, usage, "KEY_COMPROMISE", Instant.now()), "officer.kiss");
        awaitProjected(() -> TokenCertificate.<TokenCertificate>findByIdOptional(serial).map(c -> c.revoked).orElse(false));
    }

    /** Sends an event and returns it, so that a test can send the very same record again. */
    public static String publish(EventData data, String actor) {
        CloudEvent event = CODEC.create(data, actor);
        String record = EventCodec.write(event);
        send(data, record);
        return record;
    }

    public static void send(EventData data, String record) {
        TopicProbe.send(login(), data.type().topic(), data.subject(), record);
    }

    /** token-registry's login to the test broker: the only principal that may write its topics. */
    public static BrokerLogin login() {
        return PlatformTestResource.broker().login(BrokerPrincipal.TOKEN_REGISTRY);
    }

    /** The observer's login, to read what unlock-service publishes. */
    public static BrokerLogin observer() {
        return PlatformTestResource.broker().login(BrokerPrincipal.OBSERVER);
    }

    public static TokenState state(String csn) {
        return QuarkusTransaction.requiringNew().call(() -> Token.<Token>findByIdOptional(csn).map(t -> t.state).orElse(null));
    }

    public static void awaitState(String csn, TokenState state) {
        awaitProjected(() -> state == Token.<Token>findByIdOptional(csn).map(t -> t.state).orElse(null));
    }

    private static void awaitProjected(Supplier<Boolean> projected) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(projected::get));
    }
}
