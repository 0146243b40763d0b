package hu.tokenplatform.tokenmanager.device;

public class TokenLockedException extends TokenDeviceException {

    public TokenLockedException() {
        super("the token is locked; it needs the helpdesk unlock Code");
    }
}
