package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;

/** The token's two key pairs: every user logs in, only users with a signing right sign. */
public enum KeySlot {
    LOGIN(KeyPurpose.LOGIN),
    SIGNING(KeyPurpose.SIGNING);

    private final KeyPurpose purpose;

    KeySlot(KeyPurpose purpose) {
        this.purpose = purpose;
    }

    /** The purpose the token attests for a key generated in this slot. */
    public KeyPurpose purpose() {
        return purpose;
    }
}
