package hu.tokenplatform.tokenmanager.desktop;

/** What the tray icon's menu and the main window's buttons do; called on the Swing event thread. */
public interface DesktopActions {

    void status();

    /** Set PIN while the token has none, else Change PIN. */
    void pin();

    void unlock();

    void about();

    void switchLanguage(AppLanguage language);

    void quit();

    /** A click on the tray icon: what the token's condition calls for (the seed letter's "click the icon"). */
    void openForCondition();
}
