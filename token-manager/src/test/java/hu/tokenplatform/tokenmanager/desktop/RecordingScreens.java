package hu.tokenplatform.tokenmanager.desktop;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** The windows, as the tests see them: which one the app asked for, in which language. */
final class RecordingScreens implements TokenScreens {

    private final Locale locale;
    private final List<String> opened;

    RecordingScreens(Locale locale, List<String> opened) {
        this.locale = locale;
        this.opened = opened;
    }

    private void record(String screen) {
        opened.add(screen + " " + locale.getLanguage());
    }

    @Override
    public void showStatus() {
        record("status");
    }

    @Override
    public void showSetPin() {
        record("set-pin");
    }

    @Override
    public void showChangePin() {
        record("change-pin");
    }

    @Override
    public void showUnlock() {
        record("unlock");
    }

    @Override
    public void showAbout() {
        record("about");
    }

    @Override
    public void closeAll() {
        record("close-all");
    }

    /** A fresh list that several screens (one per language) write to. */
    static List<String> log() {
        return new CopyOnWriteArrayList<>();
    }
}
