package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.TokenPort;

import java.awt.Point;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Token Manager's windows in Swing, one of each at a time: asked for again, a window comes to the front rather
 * than opening twice. All of them share one line to the token, so that two windows never hold it at once.
 */
public final class SwingTokenScreens implements TokenScreens {

    private final ScreenTexts texts;
    private final TokenCalls calls;
    private final List<BankServer> banks;
    private final String helpdeskPhone;
    private final Map<Class<? extends TokenWindow>, TokenWindow> open = new LinkedHashMap<>();

    /**
     * @param banks         the bank servers the status window names and probes (the agent configuration's)
     * @param locale        Hungarian, else English
     * @param helpdeskPhone the number the unlock window says to call ({@link AgentConfig#helpdeskPhone()})
     */
    public SwingTokenScreens(TokenPort tokenPort, List<BankServer> banks, Locale locale, String helpdeskPhone) {
        this.texts = new ScreenTexts(locale);
        this.calls = new TokenCalls(tokenPort);
        this.banks = List.copyOf(banks);
        this.helpdeskPhone = helpdeskPhone;
        DesktopLook.install();
    }

    public SwingTokenScreens(TokenPort tokenPort, AgentConfig config, Locale locale) {
        this(tokenPort, config.banks(), locale, config.helpdeskPhone());
    }

    @Override
    public void showStatus() {
        show(StatusWindow.class, () -> new StatusWindow(texts, calls, banks, Clock.systemDefaultZone(), this::showFor));
    }

    @Override
    public void showSetPin() {
        show(SetPinWindow.class, () -> new SetPinWindow(texts, calls));
    }

    @Override
    public void showChangePin() {
        show(ChangePinWindow.class, () -> new ChangePinWindow(texts, calls, this::changePinTurnsIntoUnlock));
    }

    @Override
    public void showUnlock() {
        show(UnlockWindow.class, () -> new UnlockWindow(texts, calls, helpdeskPhone));
    }

    @Override
    public void showAbout() {
        show(AboutWindow.class, () -> new AboutWindow(texts, calls, helpdeskPhone));
    }

    @Override
    public void closeAll() {
        for (TokenWindow window : new ArrayList<>(open.values())) {
            window.dispose();
        }
        open.clear();
    }

    /** The window the token's state calls for, from the status window's button. */
    private void showFor(DeviceState state) {
        switch (state) {
            case FACTORY -> showSetPin();
            case READY -> showChangePin();
            case LOCKED, AWAITING_NEW_PIN -> showUnlock();
            case BLOCKED -> showStatus();
        }
    }

    /** The fifth wrong PIN locked the token: the unlock window takes the change window's place on the screen. */
    private void changePinTurnsIntoUnlock() {
        TokenWindow change = open.get(ChangePinWindow.class);
        Point where = change == null ? null : change.getLocation();
        if (change != null) {
            change.dispose();
        }
        showUnlock();
        if (where != null) {
            open.get(UnlockWindow.class).setLocation(where);
        }
    }

    private <W extends TokenWindow> void show(Class<W> kind, Supplier<W> create) {
        TokenWindow window = open.get(kind);
        if (window == null || !window.isDisplayable()) {
            window = create.get();
            TokenWindow created = window;
            window.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    open.remove(kind, created);
                }
            });
            open.put(kind, window);
            window.pack();
            window.setLocationRelativeTo(null);
        }
        window.setVisible(true);
        window.toFront();
        window.requestFocus();
    }
}
