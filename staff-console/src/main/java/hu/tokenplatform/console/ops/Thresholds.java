package hu.tokenplatform.console.ops;

import java.time.Duration;

/**
 * The alert rules' thresholds (deploy/prometheus/rules/token-platform.rules.yml), applied to what the screen shows
 * now. The rules also wait ({@code for:}) before they fire; the screen marks a figure as soon as it is past the line,
 * so an operator sees it coming. Change a number here together with the rule of the same name.
 */
final class Thresholds {

    /** TokenLoginFailureRatioHigh: one reason refuses more than 10% of token logins, */
    static final double TOKEN_FAILURE_RATIO = 0.10;
    /** ... when there were at least 20 token logins in 15 minutes. */
    static final double TOKEN_LOGINS_PER_MINUTE_TO_JUDGE = 20.0 / 15;
    /** TokenLoginsFailClosed: more than 2% of all logins refused as revocation-status-unknown. */
    static final double FAIL_CLOSED_RATIO = 0.02;
    static final String FAIL_CLOSED_REASON = "revocation-status-unknown";
    /** CrlStale (critical) and CrlGoingStale (warning): seconds until auth-service's CRL passes its nextUpdate. */
    static final double CRL_STALE_SECONDS = Duration.ofHours(1).toSeconds();
    static final double CRL_GOING_STALE_SECONDS = Duration.ofHours(6).toSeconds();
    /** ConsumerLagHigh: a consumer more than 100 records behind on a partition. */
    static final double CONSUMER_LAG = 100;
    /** UnlockCodeSpike: more than 30 Codes in an hour. */
    static final double CODES_PER_HOUR = 30;
    /** EPinLockedSpike: more than 10 verifications against locked e-PINs in an hour. */
    static final double LOCKED_VERIFICATIONS_PER_HOUR = 10;

    private Thresholds() {
    }

    static Level crl(double secondsUntilStale) {
        if (secondsUntilStale < CRL_STALE_SECONDS) {
            return Level.CRITICAL;
        }
        return secondsUntilStale < CRL_GOING_STALE_SECONDS ? Level.WARNING : Level.OK;
    }

    /** OutboxBacklogGrowing fires on a backlog not empty for 10 minutes; the relay normally empties it in seconds. */
    static Level backlog(double events) {
        return events > 0 ? Level.WARNING : Level.OK;
    }

    /**
     * DeadLetterRecordsWaiting fires after 4 hours; DeadLetterWritten as soon as one is written: any record waiting
     * there is an event a service did not apply.
     */
    static Level deadLetters(double records) {
        return records > 0 ? Level.WARNING : Level.OK;
    }

    static Level consumerLag(double records) {
        return records > CONSUMER_LAG ? Level.WARNING : Level.OK;
    }

    /** RegistryProjectionNotCurrent: 0 means every login asks OCSP. */
    static Level projection(double current) {
        return current == 0 ? Level.WARNING : Level.OK;
    }

    static Level above(double value, double limit) {
        return value > limit ? Level.WARNING : Level.OK;
    }

    /**
     * A row of logins per minute: a token refusal reason past its share (with enough token logins to judge), or
     * fail-closed refusals past theirs of all logins.
     */
    static Level login(String method, String outcome, String reason, double perMinute, double tokenPerMinute, double allPerMinute) {
        if (!"failed".equals(outcome)) {
            return Level.OK;
        }
        if (FAIL_CLOSED_REASON.equals(reason) && allPerMinute > 0 && perMinute / allPerMinute > FAIL_CLOSED_RATIO) {
            return Level.CRITICAL;
        }
        if ("TOKEN".equals(method) && tokenPerMinute >= TOKEN_LOGINS_PER_MINUTE_TO_JUDGE
                && perMinute / tokenPerMinute > TOKEN_FAILURE_RATIO) {
            return Level.WARNING;
        }
        return Level.OK;
    }
}
