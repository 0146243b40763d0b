package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.InvalidAgentConfigException;
import hu.tokenplatform.tokenmanager.device.TokenPort;

import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Token Manager as the user meets it on the desktop ({@code token-manager} without a command): the tray icon, or
 * the main window where there is no tray, showing the token's condition as {@link TokenWatch} sees it, and the
 * windows ({@link TokenScreens}) its menu opens. Hungarian unless the user chose English, which it remembers.
 * Everything here but {@link #run} runs on the Swing event thread.
 */
public final class DesktopApp implements DesktopActions {

    private final Function<Locale, TokenScreens> screensFor;
    private final BiFunction<AppTexts, DesktopActions, DesktopFront> frontFor;
    private final LanguagePreference preference;
    private final CountDownLatch quit = new CountDownLatch(1);
    /** CSNs of the tokens whose set-PIN window opened by itself: once per token, not at every look. */
    private final Set<String> setPinOffered = new HashSet<>();

    private AppLanguage language;
    private TokenScreens screens;
    private DesktopFront front;
    private TokenReading reading = TokenReading.NO_TOKEN;

    DesktopApp(Function<Locale, TokenScreens> screensFor, BiFunction<AppTexts, DesktopActions, DesktopFront> frontFor,
               LanguagePreference preference, AppLanguage language) {
        this.screensFor = screensFor;
        this.frontFor = frontFor;
        this.preference = preference;
        this.language = language;
    }

    /**
     * Runs Token Manager on the desktop until the user quits.
     *
     * @param requested {@code --lang}: for this run, over the remembered choice
     * @param fromEnvironment {@code TOKEN_MANAGER_LANG}: when nothing was chosen yet
     */
    public static void run(TokenPort port, Supplier<AgentConfig> config, Path home, Optional<String> requested,
                           Optional<String> fromEnvironment) throws InterruptedException {
        LanguagePreference preference = new LanguagePreference(home);
        AppLanguage language = language(requested, preference, fromEnvironment);
        DesktopApp app = new DesktopApp(locale -> screensFor(locale, port, config), DesktopApp::frontFor, preference, language);
        onEventThread(() -> {
            DesktopLook.install();
            app.open();
        });
        try (TokenWatch watch = new TokenWatch(port, Clock.systemDefaultZone(),
                reading -> SwingUtilities.invokeLater(() -> app.show(reading)))) {
            watch.start();
            app.quit.await();
        }
    }

    /**
     * The windows, in one language, for the token in {@code port} and the bank servers and helpdesk number of the
     * agent configuration. Without a readable configuration (not installed yet) the PIN windows still work: Status
     * says no bank server is set up, and the helpdesk number is the letter's.
     */
    static TokenScreens screensFor(Locale locale, TokenPort port, Supplier<AgentConfig> config) {
        try {
            return new SwingTokenScreens(port, config.get(), locale);
        } catch (InvalidAgentConfigException e) {
            return new SwingTokenScreens(port, List.of(), locale, AgentConfig.DEFAULT_HELPDESK_PHONE);
        }
    }

    /** The tray icon where the desktop has a tray, else the main window. */
    private static DesktopFront frontFor(AppTexts texts, DesktopActions actions) {
        return TrayFront.supported() ? new TrayFront(texts, actions) : new MainWindow(texts, actions);
    }

    /**
     * {@code --lang} (anything but Hungarian is English, as on the command line), else the language last chosen in
     * the app, else {@code TOKEN_MANAGER_LANG}, else Hungarian: the bank's customers are Hungarian companies.
     */
    static AppLanguage language(Optional<String> requested, LanguagePreference preference, Optional<String> fromEnvironment) {
        if (requested.isPresent()) {
            return AppLanguage.of(requested.get()).orElse(AppLanguage.ENGLISH);
        }
        return preference.remembered()
                .or(() -> fromEnvironment.map(tag -> AppLanguage.of(tag).orElse(AppLanguage.ENGLISH)))
                .orElse(AppLanguage.HUNGARIAN);
    }

    /**
     * Whether there is a desktop to show the app on: on Linux an X or Wayland display in the environment (the
     * program's, as a test passes it); elsewhere whatever Java finds.
     */
    public static boolean desktopAvailable(Map<String, String> environment) {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return !linux || environment.get("DISPLAY") != null || environment.get("WAYLAND_DISPLAY") != null;
    }

    void open() {
        screens = screensFor.apply(language.locale());
        front = frontFor.apply(new AppTexts(language), this);
        front.show(reading);
    }

    void show(TokenReading now) {
        if (quitting()) {
            return; // a look queued before Quit must not bring the closed window back
        }
        reading = now;
        front.show(now);
        if (now.condition() == TokenCondition.PIN_NOT_SET && now.csn().isPresent() && setPinOffered.add(now.csn().get())) {
            screens.showSetPin();
        }
    }

    AppLanguage language() {
        return language;
    }

    boolean quitting() {
        return quit.getCount() == 0;
    }

    @Override
    public void status() {
        screens.showStatus();
    }

    @Override
    public void pin() {
        if (reading.condition() == TokenCondition.PIN_NOT_SET) {
            screens.showSetPin();
        } else {
            screens.showChangePin();
        }
    }

    @Override
    public void unlock() {
        screens.showUnlock();
    }

    @Override
    public void about() {
        screens.showAbout();
    }

    @Override
    public void openForCondition() {
        switch (reading.condition()) {
            case LOCKED -> screens.showUnlock();
            case PIN_NOT_SET -> screens.showSetPin();
            default -> screens.showStatus();
        }
    }

    /** Closes what is open, rebuilds the tray menu or main window in {@code chosen}, and remembers it. */
    @Override
    public void switchLanguage(AppLanguage chosen) {
        if (chosen == language) {
            return;
        }
        try {
            preference.remember(chosen);
        } catch (UncheckedIOException e) {
            // Not remembered (a full disk, a read-only home): switched all the same, for this run.
        }
        screens.closeAll();
        front.close();
        language = chosen;
        open();
    }

    @Override
    public void quit() {
        screens.closeAll();
        front.close();
        quit.countDown();
    }

    private static void onEventThread(Runnable task) throws InterruptedException {
        try {
            SwingUtilities.invokeAndWait(task);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
