package hu.tokenplatform.auth.pki;

/** No fresh, verified CRL can be had: revocation status is unknown. */
public class CrlUnavailableException extends Exception {

    public CrlUnavailableException(String message) {
        super(message);
    }
}
