package hu.tokenplatform.unlock.metrics;

import hu.tokenplatform.unlock.code.UnlockRefusal;
import hu.tokenplatform.unlock.verification.VerificationFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Caller verifications, unlock codes and refusals, for operators. The metrics endpoint is not behind a staff
 * login, so a wrong e-PIN, an unknown customer identifier and one without e-PIN are counted together: a counter
 * must not tell a helpdesk agent what the response does not. Registered at start, so that every counter shows from
 * zero before its first increase.
 */
@Startup
@ApplicationScoped
public class UnlockMetrics {

    private static final String VERIFICATIONS = "unlock.caller.verifications";

    private final Counter verified;
    private final Map<VerificationFailure, Counter> verificationFailures = new EnumMap<>(VerificationFailure.class);
    private final Counter codesIssued;
    private final Counter ePinLockouts;
    private final Map<UnlockRefusal, Counter> refusals = new EnumMap<>(UnlockRefusal.class);

    @Inject
    public UnlockMetrics(MeterRegistry registry) {
        verified = verificationCounter(registry, "verified");
        Counter wrongCredentials = verificationCounter(registry, "wrong-credentials");
        verificationFailures.put(VerificationFailure.WRONG_E_PIN, wrongCredentials);
        verificationFailures.put(VerificationFailure.UNKNOWN_CUSTOMER, wrongCredentials);
        verificationFailures.put(VerificationFailure.E_PIN_NOT_SET, wrongCredentials);
        verificationFailures.put(VerificationFailure.E_PIN_LOCKED, verificationCounter(registry, "e-pin-locked"));
        verificationFailures.put(VerificationFailure.RATE_LIMITED, verificationCounter(registry, "rate-limited"));
        codesIssued = Counter.builder("unlock.codes.issued").description("Unlock codes computed and given to a helpdesk agent")
                .register(registry);
        // The moment an identifier locks, not the verifications against it afterwards (those are outcome
        // e-pin-locked above). Unregistered identifiers lock alike, so the count tells nothing about who exists.
        ePinLockouts = Counter.builder("unlock.e-pin.lockouts")
                .description("Customer identifiers locked by the wrong e-PIN that reached the limit").register(registry);
        for (UnlockRefusal reason : UnlockRefusal.values()) {
            refusals.put(reason, Counter.builder("unlock.refusals").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Unlock codes refused before anything was computed, by reason").register(registry));
        }
    }

    private static Counter verificationCounter(MeterRegistry registry, String outcome) {
        return Counter.builder(VERIFICATIONS).tag("outcome", outcome)
                .description("Caller verifications by outcome; wrong-credentials covers wrong e-PINs and unknown customer identifiers alike")
                .register(registry);
    }

    public void verified() {
        verified.increment();
    }

    public void verificationFailed(VerificationFailure reason) {
        verificationFailures.get(reason).increment();
    }

    public void ePinLocked() {
        ePinLockouts.increment();
    }

    public void codeIssued() {
        codesIssued.increment();
    }

    public void refused(UnlockRefusal reason) {
        refusals.get(reason).increment();
    }
}
