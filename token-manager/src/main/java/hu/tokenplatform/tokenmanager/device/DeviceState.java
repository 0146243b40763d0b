package hu.tokenplatform.tokenmanager.device;

/** What the token is doing, as Token Manager shows it. */
public enum DeviceState {
    /** provisioned by the token factory; the user has not set a PIN yet */
    FACTORY,
    READY,
    /** five wrong PINs: signs nothing until the helpdesk Code is entered */
    LOCKED,
    /** the Code was right; the "New PIN" field is open */
    AWAITING_NEW_PIN,
    /** too many wrong unlock Codes since the lock: the token accepts nothing more and must be replaced */
    BLOCKED
}
