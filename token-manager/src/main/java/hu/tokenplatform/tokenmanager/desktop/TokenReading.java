package hu.tokenplatform.tokenmanager.desktop;

import java.time.Instant;
import java.util.Optional;

/**
 * What the tray icon and the main window show of the token at one moment.
 *
 * @param csn               the token's serial number, when a token is plugged in
 * @param certificateExpiry when the first certificate on the token expires, when it has any
 */
public record TokenReading(TokenCondition condition, Optional<String> csn, Optional<Instant> certificateExpiry) {

    public static final TokenReading NO_TOKEN = new TokenReading(TokenCondition.NO_TOKEN, Optional.empty(), Optional.empty());
}
