package hu.tokenplatform.tokenmanager.device;

/** The token refused an operation. Messages never contain a PIN, a key or a Code. */
public class TokenDeviceException extends RuntimeException {

    public TokenDeviceException(String message) {
        super(message);
    }

    public TokenDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
