package hu.tokenplatform.tokenmanager.device;

public class WrongPinException extends TokenDeviceException {

    private final int triesLeft;

    public WrongPinException(int triesLeft) {
        super("wrong PIN, " + triesLeft + " tries left");
        this.triesLeft = triesLeft;
    }

    public int triesLeft() {
        return triesLeft;
    }
}
