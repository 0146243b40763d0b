package hu.tokenplatform.servicekit.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A staff read is recorded after its lookup, also when the lookup finds nobody; only a read's action is taken. */
@QuarkusTest
class AuditReadsTest {

    @Inject
    AuditLog audit;

    @Test
    void aReadIsRecordedAfterItsLookupWithNothingOfWhatWasShown() {
        String subject = subject();

        String shown = QuarkusTransaction.requiringNew().call(() ->
                audit.recordRead("officer.kiss", "user.viewed", "user", subject, () -> "Kovács Éva"));

        assertEquals("Kovács Éva", shown);
        AuditEntry entry = QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>find("subjectId", subject).singleResult());
        assertEquals("user.viewed", entry.action);
        assertEquals("officer.kiss", entry.actor);
        assertEquals("{}", entry.details);
    }

    @Test
    void aLookupThatFindsNobodyIsRecordedBeforeItsRefusalLeaves() {
        String subject = subject();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                audit.recordRead("officer.kiss", "token.viewed", "token", subject, () -> {
                    throw new IllegalStateException("no such token");
                });
            } finally {
                // Written in the transaction, which the callers commit on a refusal (dontRollbackOn).
                assertEquals(1L, AuditEntry.count("subjectId", subject));
            }
        }));
    }

    @Test
    void anActionThatDoesNotEndAsAReadIsRefusedAndNothingIsLookedUp() {
        String subject = subject();

        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                audit.recordRead("officer.kiss", "user.registered", "user", subject, () -> {
                    throw new AssertionError("looked up");
                })));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("subjectId", subject)));
    }

    private static String subject() {
        return "read-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
