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
    /** {@code serve} stopped by Ctrl-C (SIGINT): 128 + 2, as the shell reports a program a signal ended. */
    public static final int STOPPED_BY_INTERRUPT = 130;
    /** {@code serve} stopped by the session or systemd (SIGTERM): 128 + 15. */
    public static final int STOPPED_BY_TERMINATION = 143;

    private ExitCodes() {
    }
}
