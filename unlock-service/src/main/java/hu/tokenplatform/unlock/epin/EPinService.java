package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.events.data.EPinSet;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import hu.tokenplatform.unlock.projection.Customer;
import hu.tokenplatform.unlock.verification.CallerVerifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Branch officers set and reset e-PINs; the e-PIN itself is hashed at once and never returned or logged. */
@ApplicationScoped
public class EPinService {

    private static final String DIGITS_UP = "01234567890";
    private static final String DIGITS_DOWN = "09876543210";

    @Inject
    EPinHasher hasher;

    @Inject
    CallerLockouts lockouts;

    @Inject
    CallerVerifications verifications;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    /** A staff read: its action ends as service-kit's {@code AuditLog.READ_ACTION_SUFFIX} says reads do. */
    static final String STATUS_VIEWED = "e-pin.status-" + AuditLog.READ_ACTION_SUFFIX;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    /**
     * Sets a new e-PIN: the first one, or a reset that also lifts a lockout. Verifications made with the old
     * e-PIN end with it.
     */
    @Transactional
    public EPinStatus set(String customerId, String ePin) {
        requireRegistered(customerId);
        if (isGuessable(ePin)) {
            throw EPinRefusal.WEAK_E_PIN.exception();
        }
        String officer = staff.name();
        Instant now = clock.instant();
        Optional<EPin> existing = EPin.findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE);
        CallerLockout lockout = lockouts.lockForUpdate(customerId);
        boolean lockLifted = lockouts.isLocked(lockout);
        lockouts.clear(lockout);
        int endedVerifications = verifications.endAllOf(customerId);
        EPin row = existing.orElseGet(EPin::new);
        row.customerId = customerId;
        row.hash = hasher.hash(ePin);
        row.setAt = now;
        row.setBy = officer;
        row.persist();
        outbox.append(new EPinSet(customerId, existing.isPresent(), lockLifted, now), officer);
        audit.record(officer, "e-pin.set", "customer", customerId, Map.of(
                "replaced", existing.isPresent(), "lockLifted", lockLifted, "endedVerifications", endedVerifications));
        return EPinStatus.of(customerId, Optional.of(row), Optional.of(lockout));
    }

    /**
     * Whether the customer has an e-PIN and whether it is locked: a staff read of personal data, audited as
     * {@code e-pin.status-viewed} under the staff member, also when the customer is unknown (a probe is on record).
     */
    @Transactional(dontRollbackOn = RefusalException.class)
    public EPinStatus status(String customerId) {
        return audit.recordRead(staff.name(), STATUS_VIEWED, "customer", customerId, () -> {
            requireRegistered(customerId);
            return EPinStatus.of(customerId, EPin.findByIdOptional(customerId), CallerLockout.findByIdOptional(customerId));
        });
    }

    private static void requireRegistered(String customerId) {
        if (Customer.findByIdOptional(customerId).isEmpty()) {
            throw EPinRefusal.CUSTOMER_NOT_FOUND.exception("No customer with identifier " + customerId
                    + " is known to unlock-service; a customer registered moments ago appears once the registry's event arrives.");
        }
    }

    /** One digit repeated, or a run up or down such as 123456, 567890 or 654321. */
    static boolean isGuessable(String ePin) {
        return ePin.chars().distinct().count() == 1 || DIGITS_UP.contains(ePin) || DIGITS_DOWN.contains(ePin);
    }
}
