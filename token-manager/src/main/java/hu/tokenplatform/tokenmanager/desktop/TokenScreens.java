package hu.tokenplatform.tokenmanager.desktop;

/**
 * The windows of Token Manager the tray icon's menu (or the main window where the desktop has no tray) opens,
 * in one language. Each call brings the window to the front, opening it if it is not open; none blocks the
 * caller. Calls come on the Swing event thread.
 */
public interface TokenScreens {

    /** CSN, state, tries left, the certificates with holder and expiry, the bank server and whether it answers. */
    void showStatus();

    /** First use: the token has no PIN yet. Opens by itself when Token Manager finds such a token. */
    void showSetPin();

    /** Current PIN, new PIN under the live rules, confirm; turns into the locked screen on the fifth wrong PIN. */
    void showChangePin();

    /** Locked: CSN and Random to dictate, the helpdesk's number, the Code, then New PIN and Confirm. */
    void showUnlock();

    void showAbout();

    /** Closes every window these screens opened (before a language switch or quitting). */
    void closeAll();
}
