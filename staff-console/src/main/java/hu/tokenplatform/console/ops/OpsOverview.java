package hu.tokenplatform.console.ops;

import java.time.Instant;
import java.util.List;

/**
 * Everything the Ops screen shows, as of {@code at}. {@code countsSource} says whether Codes and lockouts are
 * Prometheus' last hour ({@code hour}) or each service's count since it started ({@code since-start}).
 */
public record OpsOverview(Instant at, List<ServiceStatus> services, List<Figure> tokensByState, boolean tokensKnown,
                          LoginRates logins, String countsSource, Figure codesIssued, Figure ePinLockouts,
                          Figure lockedVerifications, List<Figure> outboxBacklog, List<Figure> consumerLag,
                          List<Figure> deadLetters, Figure crl, Figure projection) {

    public OpsOverview {
        services = List.copyOf(services);
        tokensByState = List.copyOf(tokensByState);
        outboxBacklog = List.copyOf(outboxBacklog);
        consumerLag = List.copyOf(consumerLag);
        deadLetters = List.copyOf(deadLetters);
    }

    /** The worst level on the screen: the page's headline. */
    public Level worst() {
        List<Level> levels = new java.util.ArrayList<>();
        services.forEach(s -> levels.add(s.level()));
        logins.rows().forEach(r -> levels.add(r.level()));
        List.of(codesIssued, ePinLockouts, lockedVerifications, crl, projection).forEach(f -> levels.add(f.level()));
        outboxBacklog.forEach(f -> levels.add(f.level()));
        consumerLag.forEach(f -> levels.add(f.level()));
        deadLetters.forEach(f -> levels.add(f.level()));
        if (levels.contains(Level.CRITICAL)) {
            return Level.CRITICAL;
        }
        return levels.contains(Level.WARNING) ? Level.WARNING : Level.OK;
    }
}
