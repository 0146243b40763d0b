package hu.tokenplatform.servicekit.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone with the database's superuser rights gets past the append-only trigger ({@code session_replication_role =
 * replica} switches triggers off) and changes, deletes or reorders audit rows directly in PostgreSQL: the chain's
 * verification names the first entry that no longer fits. Each test puts the rows back as they were, so the chain the
 * other tests see is whole again.
 */
@QuarkusTest
class AuditChainTamperingTest {

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    @Test
    void theDatabaseItselfRefusesToChangeOrRemoveAnAuditLine() throws SQLException {
        List<Row> rows = appendFive();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update audit_entry set actor = 'someone-else' where id = " + rows.get(1).id()));
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from audit_entry where id = " + rows.get(1).id()));
        }
        assertEquals(OptionalLong.empty(), audit.verifyChain());
    }

    @Test
    void aChangedDetailIsNamedAsTheFirstBrokenEntry() throws SQLException {
        List<Row> rows = appendFive();
        Row changed = rows.get(2);
        try {
            tamper("update audit_entry set details = '{\"reason\":\"nothing happened\"}' where id = " + changed.id());
            assertEquals(OptionalLong.of(changed.id()), audit.verifyChain());
        } finally {
            restore(List.of(changed));
        }
        assertEquals(OptionalLong.empty(), audit.verifyChain());
    }

    @Test
    void aChangedActorWithItsOwnHashRecomputedIsCaughtAtTheNextEntry() throws SQLException {
        List<Row> rows = appendFive();
        Row changed = rows.get(1);
        AuditEntry forged = changed.asEntry();
        forged.actor = "innocent-bystander";
        // The forger knows the rule and recomputes the changed line's own hash: the line fits, but the next line
        // still names the old hash.
        String forgedHash = AuditLog.hash(forged);
        try {
            tamper("update audit_entry set actor = 'innocent-bystander', entry_hash = '" + forgedHash + "' where id = " + changed.id());
            assertEquals(OptionalLong.of(rows.get(2).id()), audit.verifyChain());
        } finally {
            restore(List.of(changed));
        }
        assertEquals(OptionalLong.empty(), audit.verifyChain());
    }

    @Test
    void aDeletedEntryIsNamedByTheEntryAfterIt() throws SQLException {
        List<Row> rows = appendFive();
        Row deleted = rows.get(2);
        try {
            tamper("delete from audit_entry where id = " + deleted.id());
            assertEquals(OptionalLong.of(rows.get(3).id()), audit.verifyChain());
        } finally {
            restore(List.of(deleted));
        }
        assertEquals(OptionalLong.empty(), audit.verifyChain());
    }

    @Test
    void twoEntriesSwappedAreNamedAtTheFirstOfThem() throws SQLException {
        List<Row> rows = appendFive();
        Row first = rows.get(1);
        Row second = rows.get(2);
        try {
            tamper("delete from audit_entry where id in (" + first.id() + ", " + second.id() + ")");
            insert(first.withId(second.id()));
            insert(second.withId(first.id()));
            assertEquals(OptionalLong.of(first.id()), audit.verifyChain());
        } finally {
            restore(List.of(first, second));
        }
        assertEquals(OptionalLong.empty(), audit.verifyChain());
    }

    /** Five entries of one subject, appended after whatever the log holds; returned as stored. */
    private List<Row> appendFive() throws SQLException {
        String subject = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            int n = i;
            QuarkusTransaction.requiringNew().run(() -> audit.record("officer-" + n, "token.revoked", "token", subject,
                    Map.of("reason", "LOST", "n", n)));
        }
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + Row.COLUMNS
                     + " from audit_entry where subject_id = ? order by id")) {
            select.setString(1, subject);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(Row.of(result));
                }
            }
        }
        assertEquals(5, rows.size());
        assertEquals(OptionalLong.empty(), audit.verifyChain(), "the chain is whole before the tampering");
        return rows;
    }

    /** As a superuser would: with triggers off for this session. */
    private void tamper(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            try {
                assertTrue(statement.executeUpdate(sql) > 0, "the tampering changed a row: " + sql);
            } finally {
                statement.execute("set session_replication_role = origin");
            }
        }
    }

    /** The rows' ids emptied first, then the rows put back: a swapped row must be gone before its twin returns. */
    private void restore(List<Row> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            try {
                for (Row row : rows) {
                    statement.executeUpdate("delete from audit_entry where id = " + row.id());
                }
            } finally {
                statement.execute("set session_replication_role = origin");
            }
        }
        for (Row row : rows) {
            insert(row);
        }
    }

    private void insert(Row row) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_entry (" + Row.COLUMNS
                     + ") overriding system value values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, row.id());
            insert.setObject(2, row.occurredAt());
            insert.setString(3, row.actor());
            insert.setString(4, row.action());
            insert.setString(5, row.subjectType());
            insert.setString(6, row.subjectId());
            insert.setString(7, row.details());
            insert.setString(8, row.previousHash());
            insert.setString(9, row.entryHash());
            insert.executeUpdate();
        }
    }

    private record Row(long id, java.time.OffsetDateTime occurredAt, String actor, String action, String subjectType,
                       String subjectId, String details, String previousHash, String entryHash) {

        static final String COLUMNS = "id, occurred_at, actor, action, subject_type, subject_id, details, previous_hash, entry_hash";

        static Row of(ResultSet result) throws SQLException {
            return new Row(result.getLong(1), result.getObject(2, java.time.OffsetDateTime.class), result.getString(3),
                    result.getString(4), result.getString(5), result.getString(6), result.getString(7), result.getString(8),
                    result.getString(9));
        }

        AuditEntry asEntry() {
            AuditEntry entry = new AuditEntry();
            entry.occurredAt = occurredAt.toInstant();
            entry.actor = actor;
            entry.action = action;
            entry.subjectType = subjectType;
            entry.subjectId = subjectId;
            entry.details = details;
            entry.previousHash = previousHash;
            return entry;
        }

        /** The same line under another id: what a reordering does. */
        Row withId(long other) {
            return new Row(other, occurredAt, actor, action, subjectType, subjectId, details, previousHash, entryHash);
        }
    }
}
