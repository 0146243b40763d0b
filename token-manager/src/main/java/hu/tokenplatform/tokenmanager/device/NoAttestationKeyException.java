package hu.tokenplatform.tokenmanager.device;

/**
 * The token has no device attestation key: an older factory made it. It cannot prove that its keys were
 * generated on it, so the bank certifies none of them; it is replaced at the branch.
 */
public class NoAttestationKeyException extends TokenDeviceException {

    public NoAttestationKeyException() {
        super("the token has no device attestation key (made by an older token factory)");
    }
}
