package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.events.data.LoginFailed;
import hu.tokenplatform.events.data.LoginSucceeded;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Records every login's outcome, in one place: a {@code login.succeeded} or {@code login.failed} event through the outbox
 * (in the transaction of the outcome), the {@code auth_logins_total} counter, and a log line for each refusal.
 * Nothing secret is passed in, so nothing secret can leave.
 */
@ApplicationScoped
public class LoginOutcomes {

    private static final Logger LOG = Logger.getLogger(LoginOutcomes.class);
    private static final String UNKNOWN_CLIENT = "unknown";

    @Inject
    EventOutbox outbox;

    @Inject
    MeterRegistry metrics;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void succeeded(String customerId, String csn, String client, LoginMethod method) {
        outbox.append(new LoginSucceeded(customerId, csn, client, method.name(), clock.instant()), null);
        count(method, client, "succeeded", "none");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(LoginAttempt attempt, LoginMethod method, LoginRefusal refusal) {
        LOG.infof("Login refused: %s, method %s, client %s, customer %s, token %s", refusal.code(), method,
                knownClientOrUnknown(attempt.client()), attempt.customerId(), attempt.csn());
        outbox.append(new LoginFailed(attempt.customerId(), attempt.csn(), knownClient(attempt.client()), method.name(),
                refusal.code(), clock.instant()), null);
        count(method, attempt.client(), "failed", refusal.code());
    }

    /**
     * A refusal that is only counted: requests refused while their subject is rate-limited or locked publish
     * nothing, so that a flood of them cannot flood the event stream too.
     */
    public void failedWhileThrottled(LoginMethod method, String client, LoginRefusal refusal) {
        count(method, client, "failed", refusal.code());
    }

    private void count(LoginMethod method, String client, String outcome, String reason) {
        Counter.builder("auth.logins")
                .description("Login outcomes by method, client and refusal reason")
                .tag("method", method.name())
                .tag("client", knownClientOrUnknown(client))
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(metrics)
                .increment();
    }

    /** Only registered client ids appear in events and metric tags; anything a caller made up does not. */
    private String knownClient(String client) {
        return client != null && config.oidc().clients().containsKey(client) ? client : null;
    }

    private String knownClientOrUnknown(String client) {
        String known = knownClient(client);
        return known != null ? known : UNKNOWN_CLIENT;
    }
}
