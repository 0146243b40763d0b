package hu.tokenplatform.servicekit.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one clock every timestamp of a service comes from, in UTC. A default bean, so that a service that
 * produces its own {@link Clock} replaces it without ambiguity.
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
