package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A USB PKI token: PIN with retry counter, two key pairs whose private keys never leave it, their
 * certificates, a device attestation key that vouches for keys generated on it, and the helpdesk unlock
 * (CSN + Random → Code). Token Manager drives it; the hardware and the
 * virtual token behave the same.
 */
public interface TokenDevice extends AutoCloseable {

    DeviceStatus status();

    /**
     * Checks, before asking the user for anything, that the token is in the state the operation needs.
     *
     * @throws TokenLockedException while locked, {@link TokenStateException} in any other wrong state
     */
    default DeviceStatus requireState(DeviceState needed, String operation) {
        DeviceStatus status = status();
        if (status.state() != needed) {
            throw status.state() == DeviceState.LOCKED ? new TokenLockedException() : new TokenStateException(status.state(), operation);
        }
        return status;
    }

    /**
     * Hand-over at the branch: while the token is fresh from the factory (no PIN yet), the branch generates its
     * key pairs and writes the certificates. Refused once the user has set a PIN; from then on the same
     * operations need a {@link TokenSession}.
     */
    TokenEnrolment personalise();

    /** Live rule feedback for a PIN being typed, including "not one of the last PINs". */
    PinEvaluation checkNewPin(char[] pin);

    /** First use: only a token from the factory, only a PIN that meets every rule. */
    void setInitialPin(char[] pin);

    /**
     * Verifies the PIN and opens a session for key operations. A wrong PIN costs a try before the answer is
     * given; the fifth locks the token. Refused while locked, and the attempt voids the current Random.
     */
    TokenSession login(char[] pin);

    void changePin(char[] oldPin, char[] newPin);

    /**
     * The helpdesk Code for the Random shown now. Right: the token waits for a new PIN and the Random is used
     * up. Wrong: counted; after {@link DeviceStatus#MAX_CODE_TRIES} a new Random is drawn.
     *
     * @return whether the Code was right
     */
    boolean submitUnlockCode(String code);

    void setPinAfterUnlock(char[] newPin);

    /** Certificates are public: no PIN needed. */
    Optional<X509Certificate> certificate(KeySlot slot);

    /**
     * The token's device attestation certificate from the token-factory CA; empty for a token made by an older
     * factory, which cannot attest its keys. Its private key signs only the statements for keys the token generates.
     */
    Optional<X509Certificate> attestationCertificate();

    @Override
    void close();
}
