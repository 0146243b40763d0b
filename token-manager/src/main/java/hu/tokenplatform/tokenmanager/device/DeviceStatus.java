package hu.tokenplatform.tokenmanager.device;

import java.util.Optional;
import java.util.Set;

/**
 * What the token shows: no PIN, no key, no unlock key ever leaves it.
 *
 * @param unlockRandom present only while LOCKED: the Random to read out to the helpdesk
 */
public record DeviceStatus(String csn, DeviceState state, int pinTriesLeft, Optional<String> unlockRandom,
                           Set<KeySlot> keySlots, Set<KeySlot> certificateSlots) {

    /** Five wrong PINs lock the token (the bank's letter). */
    public static final int MAX_PIN_TRIES = 5;
    /** Wrong Codes allowed for one Random before the token draws a new one. */
    public static final int MAX_CODE_TRIES = 3;

    public DeviceStatus {
        keySlots = Set.copyOf(keySlots);
        certificateSlots = Set.copyOf(certificateSlots);
    }
}
