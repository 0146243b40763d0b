package hu.tokenplatform.tokenmanager.device;

/** The token's two key pairs: every user logs in, only users with a signing right sign. */
public enum KeySlot {
    LOGIN,
    SIGNING
}
