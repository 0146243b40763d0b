package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenDeviceException;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenPort;

import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps looking at the token, off the Swing event thread, so that plugging it in or out, a lock after wrong PINs
 * or a PIN set elsewhere show up in the tray within {@link #EVERY}. The token is opened only when its memory
 * changed ({@link TokenPort#memoryStamp()}): one program at a time holds a token, and a watcher that opened it
 * every time could take it from the agent's login at the wrong moment.
 */
public final class TokenWatch implements AutoCloseable {

    public static final Duration EVERY = Duration.ofSeconds(2);

    private final TokenPort port;
    private final Clock clock;
    private final Consumer<TokenReading> onChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "token-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** What was read the last time the token was opened, and the memory it was read from. */
    private Optional<String> readStamp = Optional.empty();
    private Read lastRead;
    private TokenReading published;

    /** @param onChange called on the watch's own thread with each reading that differs from the one before */
    public TokenWatch(TokenPort port, Clock clock, Consumer<TokenReading> onChange) {
        this.port = port;
        this.clock = clock;
        this.onChange = onChange;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::look, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the token; public for tests, which look without waiting for the timer. */
    public synchronized void look() {
        try {
            readingNow().filter(reading -> !reading.equals(published)).ifPresent(reading -> {
                published = reading;
                onChange.accept(reading);
            });
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: the tray would freeze on what it showed last.
        }
    }

    /** Empty while another program holds the token: the tray keeps showing what it showed before. */
    private Optional<TokenReading> readingNow() {
        Optional<String> stamp = port.memoryStamp();
        if (stamp.isEmpty()) {
            readStamp = Optional.empty();
            return Optional.of(TokenReading.NO_TOKEN);
        }
        if (!stamp.equals(readStamp)) {
            try (TokenDevice token = port.open()) {
                lastRead = Read.from(token);
            } catch (TokenInUseException e) {
                return Optional.empty();
            } catch (TokenDeviceException | UncheckedIOException e) {
                // Unplugged between the two looks, or a token this program cannot read: none to use here.
                readStamp = Optional.empty();
                return Optional.of(TokenReading.NO_TOKEN);
            }
            readStamp = stamp;
        }
        // Recomputed at every look: a certificate comes within the warning period without the token changing.
        Instant now = clock.instant();
        return Optional.of(new TokenReading(TokenConditions.of(Optional.of(lastRead.state), lastRead.expiries, now),
                Optional.of(lastRead.csn), lastRead.expiries.stream().min(Comparator.naturalOrder())));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private record Read(String csn, DeviceState state, List<Instant> expiries) {
        static Read from(TokenDevice token) {
            DeviceStatus status = token.status();
            List<Instant> expiries = Arrays.stream(KeySlot.values()).map(token::certificate)
                    .flatMap(Optional::stream).map(X509Certificate::getNotAfter).filter(Objects::nonNull)
                    .map(Date::toInstant).toList();
            return new Read(status.csn(), status.state(), expiries);
        }
    }
}
