package hu.tokenplatform.auth.support;

import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.auth.projection.Token;
import hu.tokenplatform.auth.projection.TokenCertificate;
import hu.tokenplatform.events.BrokerPrincipal;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.events.data.UserPasswordLoginDisabled;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.kafkasetup.BrokerLogin;
import hu.tokenplatform.testkit.PlatformTestResource;
import hu.tokenplatform.testkit.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Plays token-registry: publishes its events to the real broker, logged in as token-registry, as the registry's
 * outbox relay would, and waits until auth-service's projection shows them.
 */
public final class Registry {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final EventCodec CODEC = new EventCodec("/token-registry", Clock.systemUTC());

    private Registry() {
    }

    public static void publish(EventData data) {
        TopicProbe.send(login(), data.type().topic(), data.subject(), EventCodec.write(CODEC.create(data, "officer.test")));
    }

    public static void publishRaw(String topic, String key, String value) {
        TopicProbe.send(login(), topic, key, value);
    }

    public static void registerUser(String customerId, Set<ContractedService> services, boolean signingRight) {
        publish(new UserRegistered(customerId, "Kovács Éva", "CO-1", "Példa, Kft.", services, signingRight));
        awaitProjection(() -> BankUser.<BankUser>findByIdOptional(customerId).filter(u -> u.services.equals(services)).isPresent());
    }

    /** A registered user holding a handed-over token with a LOGIN (and, with a signing right, a SIGNING) certificate. */
    public static TestToken userWithToken(Set<ContractedService> services, boolean signingRight) {
        String customerId = TestToken.newCustomerId();
        registerUser(customerId, services, signingRight);
        TestToken token = TestToken.personalised(customerId, signingRight);
        handOver(token);
        return token;
    }

    public static void handOver(TestToken token) {
        publish(new TokenHandedOver(token.csn(), token.customerId(), "CO-1", "BUD-01", Instant.now(), null));
        publishIssued(token, token.loginCertificate(), "LOGIN");
        if (token.signingCertificate() != null) {
            publishIssued(token, token.signingCertificate(), "SIGNING");
        }
        awaitProjection(() -> Token.findByIdOptional(token.csn()).isPresent()
                && TokenCertificate.findByIdOptional(Certificates.sha256Fingerprint(token.loginCertificate())).isPresent()
                && (token.signingCertificate() == null
                || TokenCertificate.findByIdOptional(Certificates.sha256Fingerprint(token.signingCertificate())).isPresent()));
    }

    /** Announces a certificate for the token, issued for {@code usage}, and waits until it is projected. */
    public static void announceCertificate(TestToken token, X509Certificate certificate, String usage) {
        publishIssued(token, certificate, usage);
        awaitProjection(() -> TokenCertificate.findByIdOptional(Certificates.sha256Fingerprint(certificate)).isPresent());
    }

    public static void publishIssued(TestToken token, X509Certificate certificate, String usage) {
        publish(new CertificateIssued(Certificates.serialHex(certificate), token.csn(), token.customerId(), usage,
                certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), Certificates.sha256Fingerprint(certificate), TestCa.pem(certificate)));
    }

    public static void revokeToken(TestToken token) {
        revokeToken(token, Instant.now());
    }

    /** The registry revokes the token, and its LOGIN certificate with it, as of {@code now}. */
    public static void revokeToken(TestToken token, Instant now) {
        publish(new TokenRevoked(token.csn(), token.customerId(), "STOLEN", now));
        publish(new CertificateRevoked(Certificates.serialHex(token.loginCertificate()), token.csn(), token.customerId(),
                "LOGIN", "KEY_COMPROMISE", now));
        awaitProjection(() -> Token.<Token>findByIdOptional(token.csn()).map(t -> t.revokedAt != null).orElse(false));
    }

    public static void disablePasswordLogin(String customerId) {
        publish(new UserPasswordLoginDisabled(customerId, Instant.now(), "CTR-" + customerId));
        awaitProjection(() -> hu.tokenplatform.auth.projection.Recontracting.findByIdOptional(customerId).isPresent());
    }

    public static void awaitProjection(Supplier<Boolean> condition) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(condition::get));
    }

    /** token-registry's login to the test broker: the only principal that may write its topics. */
    public static BrokerLogin login() {
        return PlatformTestResource.broker().login(BrokerPrincipal.TOKEN_REGISTRY);
    }

    /** The observer's login, to read what auth-service publishes. */
    public static BrokerLogin observer() {
        return PlatformTestResource.broker().login(BrokerPrincipal.OBSERVER);
    }
}
