package hu.tokenplatform.console.ops;

import java.util.List;

/**
 * Logins per minute and where the numbers come from: {@code prometheus} (its rate over 5 minutes and every
 * instance), {@code scrapes} (the console's own two scrapes {@code seconds} apart, one instance), {@code measuring}
 * (the console has only one scrape yet) or {@code unavailable} (neither could be read: no numbers, not zeros).
 * {@code prometheusFailed}: Prometheus is configured but did not answer, so the console's scrapes stand in.
 */
public record LoginRates(String source, long seconds, boolean prometheusFailed, List<LoginRate> rows) {

    public LoginRates {
        rows = List.copyOf(rows);
    }

    public boolean known() {
        return source.equals("prometheus") || source.equals("scrapes");
    }

    public String total(String outcome) {
        return Figure.format(rows.stream().filter(r -> r.outcome().equals(outcome)).mapToDouble(LoginRate::perMinute).sum());
    }
}
