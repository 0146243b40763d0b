package hu.tokenplatform.console.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the Ops screen reads the platform's state, and how patiently. */
@ConfigMapping(prefix = "console.ops")
public interface OpsConfig {

    /** Base URLs of the services; their {@code /q/metrics} and {@code /q/health/ready} need no staff login. */
    URI tokenRegistryUrl();

    URI authServiceUrl();

    URI unlockServiceUrl();

    /**
     * Prometheus' base URL: rates (logins per minute, Codes and lockouts per hour) are then Prometheus' own, over
     * every instance. Without it the console computes per-minute rates from its own last scrapes of one instance.
     */
    Optional<URI> prometheusUrl();

    /** How long one source may take to answer before it is shown as unreachable. */
    @WithDefault("3S")
    Duration timeout();

    /** The most of an answer read; a larger one is not read on (the services' expositions are ~100 KiB). */
    @WithDefault("4194304")
    int maxResponseBytes();

    /** A scrape younger than this is reused, so that several open Ops screens do not multiply the scrapes. */
    @WithDefault("5S")
    Duration reuseScrapesFor();

    /** How far back the console keeps its own scrapes for rates when there is no Prometheus. */
    @WithDefault("5M")
    Duration rateWindow();

    /**
     * How long the screen refreshes itself after it was last loaded whole. Each refresh is a request of the signed-in
     * person, which keeps the session alive; without this bound an Ops screen left open would keep the desk signed
     * in until Keycloak's maximum (10 hours), past the 15 minutes of idleness that otherwise end it.
     */
    @WithDefault("15M")
    Duration refreshWhileUnattended();

    default URI baseUrl(MonitoredService service) {
        return switch (service) {
            case TOKEN_REGISTRY -> tokenRegistryUrl();
            case AUTH_SERVICE -> authServiceUrl();
            case UNLOCK_SERVICE -> unlockServiceUrl();
        };
    }
}
