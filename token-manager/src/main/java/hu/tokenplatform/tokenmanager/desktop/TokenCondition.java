package hu.tokenplatform.tokenmanager.desktop;

/** What the tray icon shows of the token, by image and tooltip; one of these at a time. */
public enum TokenCondition {
    /** No token is plugged in (or another program holds it). */
    NO_TOKEN,
    /** A token fresh from the branch: the user must set a PIN first. */
    PIN_NOT_SET,
    /** Ready to log in and sign. */
    READY,
    /** Ready, but a certificate on it expires soon. */
    CERTIFICATE_EXPIRING,
    /** Five wrong PINs (or a Code accepted and the new PIN not yet set): the helpdesk's Code unlocks it. */
    LOCKED,
    /** Too many wrong Codes: the token accepts nothing more and must be replaced at a branch. */
    BLOCKED
}
