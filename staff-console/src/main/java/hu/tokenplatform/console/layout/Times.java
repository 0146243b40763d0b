package hu.tokenplatform.console.layout;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as staff read them off a page, in the console's time zone (the bank's): {@code {instant.clock}} for the
 * helpdesk ("valid until 10:52:12"), {@code {instant.stamp}} with date and offset for the auditor. The CSV export
 * keeps the services' exact UTC instants.
 */
@TemplateExtension
public class Times {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneId.systemDefault());

    static String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant);
    }

    /** The day in the bank's time zone: a certificate's expiry as staff say it to a customer. */
    static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    static String stamp(Instant instant) {
        return instant == null ? "" : STAMP.format(instant);
    }
}
