package hu.tokenplatform.tokenmanager.device;

/** No token is plugged in where Token Manager looks for it. */
public class TokenAbsentException extends TokenDeviceException {

    public TokenAbsentException() {
        super("no token is plugged in");
    }
}
