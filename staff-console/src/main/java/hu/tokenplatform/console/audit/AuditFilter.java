package hu.tokenplatform.console.audit;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * What the auditor looks for: one service's log, optionally one subject (customer identifier, CSN, company id),
 * one actor (exactly as the service wrote it) and a time window [{@code from}, {@code to}) entered in the bank's
 * time zone, at most {@code limit} entries, with or without staff reads ({@code user.viewed} and the like: with by
 * default, so that nothing is left out unasked). The service applies all of it before its limit. A value of the wrong
 * shape is dropped rather than sent on, and the page shows the filter as it was applied.
 */
public record AuditFilter(AuditedService service, String subjectId, String actor, String from, String to, int limit,
                          boolean reads) {

    /** The form's values for {@link #reads}: any other value shows them. */
    public static final String READS_SHOWN = "shown";
    public static final String READS_HIDDEN = "hidden";

    public static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** The shape the services accept for a subject. */
    private static final String SUBJECT_SHAPE = "[A-Za-z0-9._-]{0,64}";
    /** The shape the services accept for an actor: Keycloak user names, the services' own actors. */
    private static final String ACTOR_SHAPE = "[A-Za-z0-9._@-]{0,64}";

    public static AuditFilter of(String service, String subjectId, String actor, String from, String to, Integer limit,
                                 String reads) {
        String subject = subjectId == null ? "" : subjectId.strip();
        String who = actor == null ? "" : actor.strip();
        return new AuditFilter(AuditedService.of(service), subject.matches(SUBJECT_SHAPE) ? subject : "",
                who.matches(ACTOR_SHAPE) ? who : "", localTime(from), localTime(to),
                limit == null || limit < 1 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT), !READS_HIDDEN.equals(reads));
    }

    /** {@link #reads} as the form sends it. */
    public String readsChoice() {
        return reads ? READS_SHOWN : READS_HIDDEN;
    }

    /** {@code from} as the services take it (UTC), or null for none. */
    String fromInstant(ZoneId zone) {
        return instant(from, zone);
    }

    /** {@code to} as the services take it (UTC), or null for none. */
    String toInstant(ZoneId zone) {
        return instant(to, zone);
    }

    /** A browser's datetime-local value ({@code 2026-12-07T09:30}), to the minute; anything else is no bound. */
    private static String localTime(String value) {
        if (value == null || value.isBlank() || value.length() > 32) {
            return "";
        }
        try {
            return LocalDateTime.parse(value.strip()).truncatedTo(ChronoUnit.MINUTES).toString();
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static String instant(String localTime, ZoneId zone) {
        if (localTime.isEmpty()) {
            return null;
        }
        // ISO_INSTANT always writes the seconds, as the services' filter takes them.
        return LocalDateTime.parse(localTime).atZone(zone).toInstant().toString();
    }
}
