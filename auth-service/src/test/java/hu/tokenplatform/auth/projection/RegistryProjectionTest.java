package hu.tokenplatform.auth.projection;

import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.TestCa;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.EventCodec;
import hu.tokenplatform.events.Topics;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.UserRegistered;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth-service's own view of token-registry's users, tokens and certificates, fed by the real broker. */
@QuarkusTest
class RegistryProjectionTest {

    @Test
    void redeliveredEventIsAppliedOnce() {
        String customerId = TestToken.newCustomerId();
        String event = EventCodec.write(new EventCodec("/token-registry", Clock.systemUTC()).create(new UserRegistered(customerId,
                "Nagy Ádám", "CO-2", "Minta Zrt.", Set.of(ContractedService.ELECTRA), false), "officer.test"));
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, event);
        Registry.awaitProjection(() -> BankUser.find(customerId).isPresent());
        // A later change, then the first event once more (a redelivery): the redelivery must not undo the change.
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), true);
        Registry.publishRaw(Topics.REGISTRY_USERS, customerId, event);
        String marker = TestToken.newCustomerId();
        Registry.registerUser(marker, Set.of(ContractedService.ELECTRA), false);

        BankUser user = QuarkusTransaction.requiringNew().call(() -> BankUser.find(customerId).orElseThrow());
        assertEquals(EnumSet.allOf(ContractedService.class), user.services);
        assertTrue(user.signingRight);
    }

    @Test
    void recordsThatAreNotEventsAreSkippedAndLaterEventsStillApply() {
        Registry.publishRaw(Topics.REGISTRY_TOKENS, "junk", "{not json");
        Registry.publishRaw(Topics.REGISTRY_TOKENS, "junk", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"token.revoked\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"csn\":\"not-a-csn\"}}");
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, Set.of(ContractedService.ELECTRA), false);
        TestToken token = TestToken.personalised(customerId, false);

        Registry.handOver(token);

        TokenCertificate certificate = QuarkusTransaction.requiringNew().call(() ->
                TokenCertificate.byFingerprint(Certificates.sha256Fingerprint(token.loginCertificate())).orElseThrow());
        assertEquals(TokenCertificate.Usage.LOGIN, certificate.usage);
        assertEquals(token.csn(), certificate.csn);
        assertEquals(customerId, certificate.customerId);
        assertEquals(Certificates.serialHex(token.loginCertificate()), certificate.serialNumber);
    }

    @Test
    void certificateWhoseFingerprintDoesNotMatchItsPemIsNotProjected() {
        String customerId = TestToken.newCustomerId();
        TestToken token = TestToken.personalised(customerId, false);
        X509Certificate certificate = token.loginCertificate();
        Registry.publish(new CertificateIssued(Certificates.serialHex(certificate), token.csn(), customerId, "LOGIN",
                "CN=x", Instant.now(), Instant.now(), "00".repeat(32), TestCa.pem(certificate)));
        String marker = TestToken.newCustomerId();
        TestToken markerToken = TestToken.personalised(marker, false);
        Registry.handOver(markerToken);

        assertFalse(QuarkusTransaction.requiringNew().call(() ->
                TokenCertificate.byFingerprint(Certificates.sha256Fingerprint(certificate)).isPresent()));
    }

    @Test
    void reContractingIsRecordedForGood() {
        String customerId = TestToken.newCustomerId();
        Registry.disablePasswordLogin(customerId);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> Recontracting.find(customerId).isPresent()));
    }
}
