package hu.tokenplatform.tokenmanager.cli;

/** Exit codes scripts and the installer can rely on. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The operation was refused or failed: wrong PIN, PIN rules not met, bank refused the login. */
    public static final int REFUSED = 1;
    /** Picocli's code for a command line it cannot parse. */
    public static final int USAGE = 2;
    public static final int TOKEN_LOCKED = 3;
    public static final int TOKEN_ABSENT = 4;
    /** sysexits.h EX_NOPERM: installing needs administrator rights. */
    public static final int NEEDS_ADMINISTRATOR = 77;

    private ExitCodes() {
    }
}
