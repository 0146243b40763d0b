package hu.tokenplatform.tokenmanager.device;

/** Another program holds the token, as only one program at a time can talk to a USB token. */
public class TokenInUseException extends TokenDeviceException {

    public TokenInUseException() {
        super("the token is in use by another program");
    }
}
