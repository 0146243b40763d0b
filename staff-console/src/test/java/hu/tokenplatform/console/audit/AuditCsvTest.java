package hu.tokenplatform.console.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditCsvTest {

    @Test
    void writesOneQuotedLinePerEntryUnderTheHeader() {
        String csv = AuditCsv.of(List.of(new AuditEntry(7, Instant.parse("2026-01-02T03:04:05Z"), "helpdesk",
                "unlock.code-issued", "token", "0A1B2C3D", "{\"customerId\":\"12345678\"}", "ab12")));
        assertEquals(AuditCsv.HEADER + "\r\n"
                + "7,\"2026-01-02T03:04:05Z\",\"helpdesk\",\"unlock.code-issued\",\"token\",\"0A1B2C3D\","
                + "\"{\"\"customerId\"\":\"\"12345678\"\"}\",\"ab12\"\r\n", csv);
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", AuditCsv.cell("=HYPERLINK(\"http://evil\")"));
        assertEquals("\"'+1\"", AuditCsv.cell("+1"));
        assertEquals("\"'-1\"", AuditCsv.cell("-1"));
        assertEquals("\"'@SUM(A1)\"", AuditCsv.cell("@SUM(A1)"));
        assertEquals("", AuditCsv.cell(null));
    }
}
