package hu.tokenplatform.unlock.code;

import hu.tokenplatform.events.Topics;
import hu.tokenplatform.testkit.TopicProbe;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Registry;
import hu.tokenplatform.unlock.Staff;
import hu.tokenplatform.unlock.config.UnlockConfig;
import hu.tokenplatform.unlock.verification.CallerVerification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class UnlockCodeTest {

    private static final String RANDOM = "4815162342";

    @Inject
    UnlockConfig config;

    private String expectedCode(String csn, String random) {
        byte[] masterKey = MasterUnlockKeyStore.load(config.masterKey().keystorePath(),
                config.masterKey().keystorePassword().toCharArray());
        return UnlockCodes.forDictation(UnlockCodes.code(UnlockCodes.diversifyTokenKey(masterKey, csn), csn, random));
    }

    @Test
    void verifiedCallerGetsTheCodeForTheirTokenReadyForDictation() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        Callers.requestCode(verificationId, caller.csn(), "481 516 2342").statusCode(200)
                .header("Cache-Control", "no-store")
                .body("csn", equalTo(caller.csn()))
                .body("customerId", equalTo(caller.customerId()))
                .body("random", equalTo("481 516 2342"))
                .body("code", equalTo(expectedCode(caller.csn(), RANDOM)));
    }

    @Test
    void randomMayBeDictatedWithSpacesOrDashes() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        String code = expectedCode(caller.csn(), RANDOM);

        Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(200).body("code", equalTo(code));
        Callers.requestCode(verificationId, caller.csn(), "481-516-2342").statusCode(200).body("code", equalTo(code));
        assertTrue(code.matches("[0-9]{4} [0-9]{4}"), code);
    }

    @Test
    void issuedCodeIsPublishedForTheRegistryWithoutTheCode() {
        Caller caller = Callers.withToken();
        String agent = Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        try (TopicProbe probe = TopicProbe.subscribe(Registry.observer(), Topics.UNLOCK_EVENTS)) {
            String code = Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(200).extract().path("code");

            ConsumerRecord<String, String> issued = probe.await(
                    r -> caller.csn().equals(r.key()) && r.value().contains("\"unlock.code-issued\""), Registry.WAIT);
            assertTrue(issued.value().contains("\"customerId\":\"" + caller.customerId() + "\""));
            assertTrue(issued.value().contains("\"actor\":\"" + agent + "\""));
            assertFalse(issued.value().contains(code) || issued.value().contains(UnlockCodes.normalise(code)));
            assertFalse(issued.value().contains(verificationId));
        }
    }

    @Test
    void csnOfAnotherCustomerIsRefusedAndNothingIsComputed() {
        Caller caller = Callers.withToken();
        Caller other = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        try (TopicProbe probe = TopicProbe.subscribe(Registry.observer(), Topics.UNLOCK_EVENTS)) {
            Callers.requestCode(verificationId, other.csn(), RANDOM).statusCode(422)
                    .body("code", equalTo("csn-not-callers"))
                    .body(not(containsString(UnlockCodes.normalise(expectedCode(other.csn(), RANDOM)))));

            ConsumerRecord<String, String> refused = probe.await(
                    r -> other.csn().equals(r.key()) && r.value().contains("\"unlock.refused\""), Registry.WAIT);
            assertTrue(refused.value().contains("\"reason\":\"CSN_NOT_CALLERS\""));
            assertTrue(refused.value().contains("\"customerId\":\"" + caller.customerId() + "\""));
        }
    }

    @Test
    void revokedTokenIsRefused() {
        Caller caller = Callers.withToken();
        Registry.revoke(caller.csn(), caller.customerId());
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(422).body("code", equalTo("token-revoked"));
    }

    @Test
    void unknownCsnIsRefused() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        Callers.requestCode(verificationId, Registry.newCsn(), RANDOM).statusCode(422).body("code", equalTo("token-unknown"));
    }

    /** Whether the token is PIN-locked only the token knows: a Code is issued for any non-revoked token of the caller. */
    @Test
    void issuedAndActiveTokensGetCodes() {
        Caller beforeFirstLogin = Callers.withToken();
        Caller active = Callers.withToken();
        Registry.activate(active.csn(), active.customerId());
        Staff.newHelpdeskAgent();

        Callers.requestCode(Callers.verified(beforeFirstLogin), beforeFirstLogin.csn(), RANDOM).statusCode(200);
        Callers.requestCode(Callers.verified(active), active.csn(), RANDOM).statusCode(200);
    }

    @Test
    void verificationOfAnotherAgentIsRefusedLikeAnUnknownOne() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);

        Staff.newHelpdeskAgent();
        String otherAgents = Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(422).extract().body().asString();
        String unknown = Callers.requestCode("A".repeat(43), caller.csn(), RANDOM).statusCode(422).extract().body().asString();

        assertEquals(unknown, otherAgents);
        assertTrue(unknown.contains("\"code\":\"verification-invalid\""));
    }

    @Test
    void expiredVerificationIsRefused() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        QuarkusTransaction.requiringNew().run(() -> CallerVerification.update(
                "expiresAt = ?1 where customerId = ?2", Instant.now().minusSeconds(1), caller.customerId()));

        Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(422).body("code", equalTo("verification-invalid"));
    }

    @Test
    void aTokenGetsOnlySoManyCodesADay() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        for (int i = 0; i < 3; i++) {
            Callers.requestCode(verificationId, caller.csn(), "000000000" + i).statusCode(200);
        }

        Callers.requestCode(verificationId, caller.csn(), "0000000009").statusCode(429).body("code", equalTo("unlock-limit-reached"));

        Staff.newHelpdeskAgent();
        Callers.requestCode(Callers.verified(caller), caller.csn(), "0000000009").statusCode(429);
    }

    @Test
    void refusalsDoNotCountAgainstTheDailyLimit() {
        Caller caller = Callers.withToken();
        Caller other = Callers.withToken();
        Staff.newHelpdeskAgent();
        String otherVerification = Callers.verified(other);
        for (int i = 0; i < 4; i++) {
            Callers.requestCode(otherVerification, caller.csn(), RANDOM).statusCode(422);
        }

        String verificationId = Callers.verified(caller);
        Callers.requestCode(verificationId, caller.csn(), RANDOM).statusCode(200);
    }

    @Test
    void malformedCsnOrRandomIsRefused() {
        Caller caller = Callers.withToken();
        Staff.newHelpdeskAgent();
        String verificationId = Callers.verified(caller);
        for (String csn : new String[]{"0a1b2c3d", "0A1B2C3", "0A1B2C3D4E5F60718", "0A1B2C3G", "' or 1=1"}) {
            Callers.requestCode(verificationId, csn, RANDOM).statusCode(400).body("violations.field", hasItem("csn"));
        }
        for (String random : new String[]{"123456789", "12345678901", "12345abcde", "123  456 7890", " 1234567890", "１２３４５６７８９０"}) {
            Callers.requestCode(verificationId, caller.csn(), random).statusCode(400).body("violations.field", hasItem("random"));
        }
        Callers.requestCode("not-an-id", caller.csn(), RANDOM).statusCode(400).body("violations.field", hasItem("verificationId"));
    }

    @Test
    void onlyHelpdeskAgentsGetCodes() {
        for (String role : new String[]{"branch-officer", "auditor", "ops"}) {
            Staff.actAs("someone." + role, role);
            Callers.requestCode("A".repeat(43), "0A1B2C3D", RANDOM).statusCode(403).body("code", equalTo("forbidden"));
        }
    }
}
