package hu.tokenplatform.tokenmanager.device;

/** The operation does not fit the token's state, e.g. setting a first PIN on a token that has one. */
public class TokenStateException extends TokenDeviceException {

    private final DeviceState state;

    public TokenStateException(DeviceState state, String operation) {
        super(operation + " is not possible while the token is " + state);
        this.state = state;
    }

    public DeviceState state() {
        return state;
    }
}
