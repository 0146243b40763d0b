package hu.tokenplatform.tokenmanager.desktop;

/**
 * What the user sees of Token Manager while no window is open, in one language: the tray icon with its menu, or
 * the main window where the desktop has no tray. Called on the Swing event thread.
 */
interface DesktopFront {

    void show(TokenReading reading);

    /** Gone from the desktop (before a language switch rebuilds it, or on quitting). */
    void close();
}
