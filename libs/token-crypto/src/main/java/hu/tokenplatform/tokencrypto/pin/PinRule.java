package hu.tokenplatform.tokencrypto.pin;

/** The PIN rules Token Manager shows while the user types, in the order they are shown. */
public enum PinRule {
    /** between min and max characters */
    LENGTH,
    /** printable ASCII only (0x21–0x7E): token PIN pads and keyboards differ on spaces and accented letters */
    ALLOWED_CHARACTERS,
    /** at least min of: digits, lower-case letters, upper-case letters, symbols */
    CHARACTER_CLASSES,
    /** no character more than max times in a row */
    NO_LONG_RUNS,
    /** no ascending or descending run (1234, abcd, DCBA) longer than max */
    NO_SEQUENCES,
    /** different from the current PIN and the last count PINs */
    NOT_RECENTLY_USED
}
