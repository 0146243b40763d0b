package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tray shows follows the real (virtual) token as it is plugged in, used elsewhere and unplugged. */
class TokenWatchTest {

    @TempDir
    Path dir;

    private final List<TokenReading> shown = new ArrayList<>();

    /** The test bank's certificates live a day: looked at two months before, they are far from their end. */
    private static final Clock MONTHS_BEFORE_EXPIRY = Clock.fixed(Instant.now().minus(Duration.ofDays(60)), ZoneOffset.UTC);

    private TokenWatch watch(Clock clock) {
        return new TokenWatch(new TokenPort(dir.resolve("token")), clock, shown::add);
    }

    private TokenCondition lastShown() {
        return shown.get(shown.size() - 1).condition();
    }

    @Test
    void followsTheTokenFromPluggingInThroughFirstPinAndLockToUnplugging() throws Exception {
        try (TokenWatch watch = watch(MONTHS_BEFORE_EXPIRY)) {
            watch.look();
            assertEquals(List.of(TokenReading.NO_TOKEN), shown);

            TestPki pki = new TestPki();
            TestTokens.personalised(dir.resolve("token"), pki).close();
            watch.look();
            assertEquals(TokenCondition.PIN_NOT_SET, lastShown());
            assertEquals(Optional.of(TestTokens.CSN), shown.get(1).csn());

            try (VirtualToken token = VirtualToken.open(dir.resolve("token"))) {
                token.setInitialPin(TestTokens.PIN.toCharArray());
            }
            watch.look();
            assertEquals(TokenCondition.READY, lastShown());
            assertTrue(shown.get(2).certificateExpiry().isPresent());

            try (VirtualToken token = VirtualToken.open(dir.resolve("token"))) {
                TestTokens.lockWithWrongPins(token);
            }
            watch.look();
            assertEquals(TokenCondition.LOCKED, lastShown());

            watch.look();
            assertEquals(4, shown.size(), "nothing new shown while nothing changed");

            try (var files = Files.list(dir.resolve("token"))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            watch.look();
            assertEquals(TokenCondition.NO_TOKEN, lastShown());
        }
    }

    @Test
    void whileAnotherProgramHoldsTheTokenItKeepsShowingWhatItShowed() {
        TestTokens.handedOver(dir.resolve("token"), new TestPki()).close();
        try (TokenWatch watch = watch(MONTHS_BEFORE_EXPIRY)) {
            watch.look();
            assertEquals(TokenCondition.READY, lastShown());

            try (VirtualToken login = VirtualToken.open(dir.resolve("token"))) {
                login.login(TestTokens.WRONG_PIN.toCharArray());
            } catch (RuntimeException wrongPin) {
                // a try used up: the token's memory changed while this program held it
            }
            try (VirtualToken held = VirtualToken.open(dir.resolve("token"))) {
                watch.look();
                assertEquals(1, shown.size(), "no 'no token' while the agent's login holds it");
            }
            watch.look();
            assertEquals(1, shown.size(), "read again once free: still ready");
        }
    }

    @Test
    void aCertificateComingWithinThirtyDaysOfItsEndShowsWithoutTheTokenChanging() {
        TestTokens.handedOver(dir.resolve("token"), new TestPki()).close();
        MovableClock clock = new MovableClock(MONTHS_BEFORE_EXPIRY.instant());
        try (TokenWatch watch = watch(clock)) {
            watch.look();
            assertEquals(TokenCondition.READY, lastShown());
            Instant expiry = shown.get(0).certificateExpiry().orElseThrow();

            clock.now = expiry.minus(TokenConditions.EXPIRY_WARNING).plus(Duration.ofMinutes(1));
            watch.look();

            assertEquals(TokenCondition.CERTIFICATE_EXPIRING, lastShown());
        }
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
