package hu.tokenplatform.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * What the benchmark logs in to: this platform (a full token login) or Keycloak (its X.509 direct grant), each over a
 * fresh mutual-TLS handshake per login with the user's login key.
 */
public interface LoginTarget {

    /** The name in the report: {@code platform} or {@code keycloak}. */
    String name();

    /**
     * One whole login of {@code user}, from the first request to the tokens in hand. Never throws for a refused or
     * failed login: the outcome says what happened.
     */
    LoginOutcome logIn(BenchUser user);

    /**
     * The server processes that do this target's work, by the name the report gives them (for example
     * {@code auth-service}, {@code postgres}), each with its process ids: their CPU time and RSS are read from
     * {@code /proc} before and after each measured point.
     */
    Map<String, List<Long>> serverProcesses();
}
