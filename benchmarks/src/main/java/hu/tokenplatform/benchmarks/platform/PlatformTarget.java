package hu.tokenplatform.benchmarks.platform;

import hu.tokenplatform.benchmarks.BenchUser;
import hu.tokenplatform.benchmarks.LoginOutcome;
import hu.tokenplatform.benchmarks.LoginTarget;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A full token login to this platform per call: the login page, the challenge signed on the user's token and posted
 * over a fresh mutual-TLS handshake (a new SSLContext and client per login, as Token Manager's relay does), the page's
 * finish and the code redeemed for tokens with Electra's secret and the PKCE verifier.
 */
public final class PlatformTarget implements LoginTarget {

    private final MeasuredPlatform platform;
    private final PlatformProcesses processes;
    /** Per user: the page's browser (its cookies are per login, in the page) and the bank's trust store, read once. */
    private final Map<String, HeadlessTokenLogin> logins = new ConcurrentHashMap<>();

    public PlatformTarget(MeasuredPlatform platform, PlatformProcesses processes) {
        this.platform = platform;
        this.processes = processes;
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public LoginOutcome logIn(BenchUser user) {
        HeadlessTokenLogin login = logins.computeIfAbsent(user.csn(), csn -> new HeadlessTokenLogin(platform.login(), user.session()));
        String outcome;
        try {
            outcome = login.logInFully().outcome();
        } catch (RuntimeException failed) {
            // the token or the TLS set-up failed: an error of this login, not the end of the benchmark
            outcome = failed.getClass().getSimpleName();
        }
        return HeadlessTokenLogin.TOKENS.equals(outcome) ? LoginOutcome.OK : new LoginOutcome(outcome);
    }

    @Override
    public Map<String, List<Long>> serverProcesses() {
        return processes.now();
    }
}
