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
    /**
     * Wrong Codes allowed in all since the token locked, across Randoms: without this cap a thief could keep
     * guessing 8-digit Codes; after it the token is blocked for good (as a smart card whose PUK is used up).
     */
    public static final int MAX_CODES_PER_LOCK = 10;

    public DeviceStatus {
        keySlots = Set.copyOf(keySlots);
        certificateSlots = Set.copyOf(certificateSlots);
    }
}
