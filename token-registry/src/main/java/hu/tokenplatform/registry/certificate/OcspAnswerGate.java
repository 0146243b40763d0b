package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.config.RegistryConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many OCSP answers are worked on at once ({@code registry.ca.ocsp-max-concurrent-answers}). Each answer
 * reads the database and makes a signature; a request that finds every permit taken is answered {@code tryLater} at
 * once rather than waiting, so a flood of public, unauthenticated requests cannot queue up and hold every worker
 * thread that logins and hand-overs need too.
 */
@Singleton
public class OcspAnswerGate {

    /** Leave to answer one request; closing it (once or more) lets the next request in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore permits;

    @Inject
    OcspAnswerGate(RegistryConfig config) {
        this(config.ca().ocspMaxConcurrentAnswers());
    }

    public OcspAnswerGate(int maxConcurrentAnswers) {
        if (maxConcurrentAnswers < 1) {
            throw new IllegalArgumentException("registry.ca.ocsp-max-concurrent-answers must be at least 1");
        }
        this.permits = new Semaphore(maxConcurrentAnswers);
    }

    /** A permit if one is free now, without waiting; empty if as many answers as allowed are being worked on. */
    public Optional<Permit> tryEnter() {
        if (!permits.tryAcquire()) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        });
    }
}
