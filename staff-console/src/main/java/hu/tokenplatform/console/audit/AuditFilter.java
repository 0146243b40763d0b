package hu.tokenplatform.console.audit;

import java.util.Locale;

/**
 * What the auditor looks for: one service's log, optionally one subject (customer identifier, CSN, company id:
 * the service filters) and one actor (filtered here, in the entries the service returned), at most {@code limit}.
 */
public record AuditFilter(AuditedService service, String subjectId, String actor, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** The shape the services accept for a subject; anything else is dropped rather than sent on. */
    private static final String SUBJECT_SHAPE = "[A-Za-z0-9._-]{0,64}";

    public static AuditFilter of(String service, String subjectId, String actor, Integer limit) {
        String subject = subjectId == null ? "" : subjectId.strip();
        String who = actor == null ? "" : actor.strip();
        return new AuditFilter(AuditedService.of(service), subject.matches(SUBJECT_SHAPE) ? subject : "",
                who.length() > 64 ? who.substring(0, 64) : who,
                limit == null || limit < 1 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT));
    }

    boolean admits(AuditEntry entry) {
        return actor.isEmpty() || (entry.actor() != null
                && entry.actor().toLowerCase(Locale.ROOT).contains(actor.toLowerCase(Locale.ROOT)));
    }
}
