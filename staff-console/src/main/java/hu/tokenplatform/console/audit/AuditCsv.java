package hu.tokenplatform.console.audit;

import java.util.List;

/**
 * Audit entries as CSV (RFC 4180, UTF-8) for the auditor's spreadsheet. A cell that a spreadsheet would read as
 * a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR) is prefixed with an apostrophe, so that an
 * entry's details can never run in the auditor's spreadsheet.
 */
final class AuditCsv {

    static final String HEADER = "id,occurredAt,actor,action,subjectType,subjectId,details,entryHash";

    private AuditCsv() {
    }

    static String of(List<AuditEntry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            csv.append(e.id()).append(',')
                    .append(cell(e.occurredAt() == null ? "" : e.occurredAt().toString())).append(',')
                    .append(cell(e.actor())).append(',')
                    .append(cell(e.action())).append(',')
                    .append(cell(e.subjectType())).append(',')
                    .append(cell(e.subjectId())).append(',')
                    .append(cell(e.details())).append(',')
                    .append(cell(e.entryHash())).append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
