package hu.tokenplatform.auth.config;

import hu.tokenplatform.auth.pki.OcspClient;
import hu.tokenplatform.tokencrypto.login.LoginChallenge;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Locale;

/**
 * Configuration that would only fail at the first login is refused at start: the public origin is what every
 * token signs, so it must be a plain lower-case {@code scheme://host[:port]} (as browsers send the Origin header)
 * that the login signature format accepts, and https except on loopback (tests and local runs). The OCSP client's
 * settings are checked too (its cache must stay under the 1 s revocation bound).
 */
@ApplicationScoped
public class StartupChecks {

    @Inject
    AuthConfig config;

    void check(@Observes StartupEvent start) {
        String origin = config.publicOrigin();
        try {
            LoginChallenge.toBeSigned("A".repeat(22), "electra", origin, new byte[LoginChallenge.MIN_CHALLENGE_BYTES]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("auth.public-origin " + origin + " must be scheme://host[:port]", e);
        }
        if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("auth.public-origin " + origin + " must be lower-case, as browsers send origins");
        }
        try {
            OcspClient.Settings.of(config.revocation());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        URI uri = URI.create(origin);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new IllegalStateException("auth.public-origin " + origin + " must be https (http only on loopback)");
        }
    }
}
