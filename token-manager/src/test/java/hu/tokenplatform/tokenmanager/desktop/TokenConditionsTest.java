package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.DeviceState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenConditionsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant NEXT_YEAR = NOW.plus(Duration.ofDays(365));

    private static TokenCondition of(DeviceState state, Instant... expiries) {
        return TokenConditions.of(Optional.of(state), List.of(expiries), NOW);
    }

    @Test
    void eachStateShowsAsItsCondition() {
        assertEquals(TokenCondition.NO_TOKEN, TokenConditions.of(Optional.empty(), List.of(), NOW));
        assertEquals(TokenCondition.PIN_NOT_SET, of(DeviceState.FACTORY));
        assertEquals(TokenCondition.READY, of(DeviceState.READY, NEXT_YEAR, NEXT_YEAR));
        assertEquals(TokenCondition.LOCKED, of(DeviceState.LOCKED, NEXT_YEAR));
        assertEquals(TokenCondition.BLOCKED, of(DeviceState.BLOCKED, NEXT_YEAR));
    }

    @Test
    void aCodeAcceptedWithoutTheNewPinIsStillLocked() {
        assertEquals(TokenCondition.LOCKED, of(DeviceState.AWAITING_NEW_PIN, NEXT_YEAR));
    }

    @Test
    void aCertificateWithinThirtyDaysOfItsEndShowsAsExpiring() {
        Instant warningStarts = NOW.plus(TokenConditions.EXPIRY_WARNING);

        assertEquals(TokenCondition.READY, of(DeviceState.READY, warningStarts, NEXT_YEAR));
        assertEquals(TokenCondition.CERTIFICATE_EXPIRING, of(DeviceState.READY, warningStarts.minusSeconds(1), NEXT_YEAR));
        assertEquals(TokenCondition.CERTIFICATE_EXPIRING, of(DeviceState.READY, NEXT_YEAR, NOW.plus(Duration.ofDays(3))));
        assertEquals(TokenCondition.CERTIFICATE_EXPIRING, of(DeviceState.READY, NOW.minus(Duration.ofDays(1))), "expired");
        assertEquals(Duration.ofDays(30), TokenConditions.EXPIRY_WARNING);
    }

    @Test
    void lockedOrBlockedMattersMoreThanAnExpiringCertificate() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));

        assertEquals(TokenCondition.LOCKED, of(DeviceState.LOCKED, tomorrow));
        assertEquals(TokenCondition.BLOCKED, of(DeviceState.BLOCKED, tomorrow));
        assertEquals(TokenCondition.PIN_NOT_SET, of(DeviceState.FACTORY, tomorrow));
    }

    @Test
    void aTokenWithoutCertificatesIsNotExpiring() {
        assertEquals(TokenCondition.READY, of(DeviceState.READY));
    }
}
