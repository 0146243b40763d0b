package hu.tokenplatform.unlock.security;

import hu.tokenplatform.testkit.LogCapture;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.unlock.Callers;
import hu.tokenplatform.unlock.Callers.Caller;
import hu.tokenplatform.unlock.Staff;
import hu.tokenplatform.unlock.config.UnlockConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures everything the application logs (its own categories down to DEBUG, the HTTP access log, and every
 * stack trace) while a whole helpdesk call runs, and checks that no e-PIN, Code, verification id or key
 * material is in it.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class NoSecretsInLogsTest {

    private static final String E_PIN = "590417";
    private static final String WRONG_E_PIN = "590418";
    private static final String NEW_E_PIN = "268039";

    @Inject
    UnlockConfig config;

    @Inject
    EntityManager em;

    private final LogCapture capture = new LogCapture();

    @BeforeEach
    void capture() {
        capture.start();
    }

    @AfterEach
    void release() {
        capture.stop();
    }

    @Test
    void aWholeHelpdeskCallLeavesNoSecretInTheLog() {
        Caller registered = Callers.withToken();
        Caller caller = new Caller(registered.customerId(), registered.csn(), E_PIN);
        Callers.setEPin(caller.customerId(), E_PIN).statusCode(200);
        Callers.setEPin(caller.customerId(), "59041").statusCode(400);

        Staff.newHelpdeskAgent();
        Callers.verify(caller.customerId(), WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), "5904a7").statusCode(400);
        String verificationId = Callers.verified(caller);
        String code = Callers.requestCode(verificationId, caller.csn(), "481 516 2342").statusCode(200).extract().path("code");
        Callers.requestCode(verificationId, "0A1B2C3D", "4815162342").statusCode(422);
        Callers.requestCode(verificationId, caller.csn(), "48151623").statusCode(400);
        Callers.verify(caller.customerId(), WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), WRONG_E_PIN).statusCode(422);
        Callers.verify(caller.customerId(), WRONG_E_PIN).statusCode(423);
        Callers.setEPin(caller.customerId(), NEW_E_PIN).statusCode(200);
        String hash = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("select hash from e_pin where customer_id = ?1")
                        .setParameter(1, caller.customerId()).getSingleResult());

        String log = capture.text();
        assertTrue(log.contains("/caller-verifications") && log.contains("/unlock-codes"),
                "the capture sees the access log, so it sees the application's log");
        byte[] masterKey = MasterUnlockKeyStore.load(config.masterKey().keystorePath(),
                config.masterKey().keystorePassword().toCharArray());
        List<String> secrets = List.of(E_PIN, WRONG_E_PIN, NEW_E_PIN, code, UnlockCodes.normalise(code), verificationId,
                hash, hash.substring(hash.lastIndexOf('$') + 1), config.ePin().pepper(), config.masterKey().keystorePassword(),
                HexFormat.of().formatHex(masterKey), HexFormat.of().withUpperCase().formatHex(masterKey),
                Base64.getEncoder().encodeToString(masterKey));
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the log");
        }
    }
}
