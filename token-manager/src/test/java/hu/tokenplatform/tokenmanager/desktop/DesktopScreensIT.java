package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.pin.PinRule;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.TokenDeviceException;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.JLabel;
import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Token Manager's windows on a virtual display (the JVM runs on its own Xvfb, see
 * {@code src/test/virtual-display/bin/java}), typed into with the keyboard through AssertJ Swing as a
 * user would, against a real virtual token. Each window is also written, in both languages, to
 * {@code docs/images/}.
 */
class DesktopScreensIT {

    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale HUNGARIAN = Locale.forLanguageTag("hu");
    private static final String NEW_PIN = "N3w!Secret";
    private static final String HELPDESK = AgentConfig.DEFAULT_HELPDESK_PHONE;
    private static final Timeout TOKEN_ANSWERS = Timeout.timeout(20_000);

    @TempDir
    Path dir;

    private Robot robot;
    private SwingTokenScreens screens;
    private ServerSocket bankServer;

    @BeforeEach
    void onTheDesktop() {
        assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display: run by failsafe on Xvfb (installed by .ci/run)");
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void closeWindows() throws IOException {
        if (robot != null) {
            if (screens != null) {
                GuiActionRunner.execute(() -> screens.closeAll());
            }
            robot.cleanUp();
        }
        if (bankServer != null) {
            bankServer.close();
        }
    }

    private Path token() {
        return dir.resolve("token");
    }

    private void openScreens(Locale locale, List<BankServer> banks) {
        screens = GuiActionRunner.execute(() -> new SwingTokenScreens(new TokenPort(token()), banks, locale, HELPDESK));
    }

    private FrameFixture open(Runnable show, Class<? extends Frame> window) {
        GuiActionRunner.execute(show::run);
        FrameFixture frame = WindowFinder.findFrame(window).withTimeout(10_000).using(robot);
        frame.requireVisible();
        // Without a window manager, AWT now and then records a just-mapped frame at (0, 0) while the X server shows
        // it centred, and a robot's clicks then fall beside the buttons; moving the mapped frame makes the X server
        // report where it is.
        GuiActionRunner.execute(() -> frame.target().setLocation(frame.target().getX() + 1, frame.target().getY()));
        robot.waitForIdle();
        return frame;
    }

    private DeviceStatus tokenStatus() {
        try (VirtualToken token = VirtualToken.open(token())) {
            return token.status();
        }
    }

    // ---- first use ------------------------------------------------------------------------------------------

    @Test
    void everyRuleTicksAsThePinIsTypedAndConfirmStaysDisabledUntilThePinMeetsThemAll() {
        TestTokens.factoryNew(token()).close();
        openScreens(ENGLISH, List.of());
        FrameFixture window = open(screens::showSetPin, SetPinWindow.class);
        awaitText(window, "pin-reason", "Type a new PIN that follows every rule.");
        window.textBox("confirm-pin").requireDisabled();
        window.button("set-pin").requireDisabled();

        typePin(window, "aaaa");
        awaitMarks(window, RuleMark.NOT_MET, PinRule.LENGTH, PinRule.CHARACTER_CLASSES, PinRule.NO_LONG_RUNS);
        awaitMarks(window, RuleMark.MET, PinRule.ALLOWED_CHARACTERS, PinRule.NO_SEQUENCES, PinRule.NOT_RECENTLY_USED);
        awaitText(window, "pin-reason", "Not yet: 6 to 16 characters.");
        window.textBox("confirm-pin").requireDisabled();

        typePin(window, "abcd 1");
        awaitMarks(window, RuleMark.NOT_MET, PinRule.ALLOWED_CHARACTERS, PinRule.NO_SEQUENCES);
        awaitMarks(window, RuleMark.MET, PinRule.LENGTH, PinRule.NO_LONG_RUNS, PinRule.CHARACTER_CLASSES);
        window.textBox("confirm-pin").requireDisabled();

        typePin(window, TestTokens.PIN);
        awaitMarks(window, RuleMark.MET, PinRule.values());
        window.textBox("confirm-pin").requireEnabled();
        awaitText(window, "pin-reason", "The PIN follows every rule. Now type it again under Confirm PIN.");
        window.button("set-pin").requireDisabled();

        window.textBox("confirm-pin").enterText(TestTokens.PIN.substring(1));
        awaitText(window, "pin-reason", "The confirmation differs from the PIN.");
        window.button("set-pin").requireDisabled();
        window.textBox("confirm-pin").deleteText().enterText(TestTokens.PIN);
        awaitText(window, "pin-reason", "The PIN follows every rule and the confirmation matches.");
        window.button("set-pin").requireEnabled().click();

        awaitState(DeviceState.READY);
        window.button("close").requireVisible();
        assertLogsInWith(TestTokens.PIN);
    }

    @Test
    void theFirstPinIsSetWithTheKeyboardAlone() {
        TestTokens.factoryNew(token()).close();
        openScreens(HUNGARIAN, List.of());
        FrameFixture window = open(screens::showSetPin, SetPinWindow.class);
        awaitText(window, "pin-reason", "Írjon be egy új PIN-t, amely minden szabálynak megfelel.");
        focusWindow(window);

        robot.enterText(TestTokens.PIN); // the focus starts in "New PIN"
        awaitMarks(window, RuleMark.MET, PinRule.values());
        robot.pressAndReleaseKey(KeyEvent.VK_TAB);
        robot.enterText(TestTokens.PIN);
        awaitCondition("set PIN enabled", () -> window.button("set-pin").target().isEnabled());
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);

        awaitState(DeviceState.READY);
        awaitCondition("the window says it is done", () -> window.button("close").target().isShowing());
        robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        awaitCondition("Escape closed the window", () -> !window.target().isDisplayable());
    }

    @Test
    void escapeCancelsAndChangesNothing() {
        TestTokens.factoryNew(token()).close();
        openScreens(ENGLISH, List.of());
        FrameFixture window = open(screens::showSetPin, SetPinWindow.class);
        typePin(window, TestTokens.PIN);
        awaitMarks(window, RuleMark.MET, PinRule.values());

        window.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);

        awaitCondition("Escape closed the window", () -> !window.target().isDisplayable());
        assertEquals(DeviceState.FACTORY, tokenStatus().state());
    }

    // ---- change PIN -----------------------------------------------------------------------------------------

    @Test
    void thePinIsChangedWithTheOldPinAndANewOneUnderTheRules() {
        TestTokens.handedOver(token(), new TestPki()).close();
        openScreens(ENGLISH, List.of());
        FrameFixture window = open(screens::showChangePin, ChangePinWindow.class);
        awaitCondition("old PIN enabled", () -> window.textBox("current-pin").target().isEnabled());

        window.textBox("current-pin").enterText(TestTokens.PIN);
        typePin(window, TestTokens.PIN);
        awaitMarks(window, RuleMark.NOT_MET, PinRule.NOT_RECENTLY_USED);
        window.textBox("confirm-pin").requireDisabled();
        typePin(window, NEW_PIN);
        awaitMarks(window, RuleMark.MET, PinRule.values());
        window.textBox("confirm-pin").enterText(NEW_PIN);
        awaitCondition("change enabled", () -> window.button("change-pin").target().isEnabled());
        window.button("change-pin").click();

        awaitCondition("the window says it is done", () -> window.button("close").target().isShowing());
        assertLogsInWith(NEW_PIN);
    }

    @Test
    void theFifthWrongOldPinLocksTheTokenAndTheWindowTurnsIntoTheUnlockWindow() {
        TestTokens.handedOver(token(), new TestPki()).close();
        openScreens(ENGLISH, List.of());
        FrameFixture window = open(screens::showChangePin, ChangePinWindow.class);
        awaitCondition("old PIN enabled", () -> window.textBox("current-pin").target().isEnabled());
        typePin(window, NEW_PIN);
        awaitMarks(window, RuleMark.MET, PinRule.values());
        window.textBox("confirm-pin").enterText(NEW_PIN);

        for (int triesLeft = DeviceStatus.MAX_PIN_TRIES - 1; triesLeft >= 1; triesLeft--) {
            window.textBox("current-pin").enterText(TestTokens.WRONG_PIN);
            awaitCondition("change enabled", () -> window.button("change-pin").target().isEnabled());
            window.button("change-pin").click();
            awaitText(window, "notice", "Wrong old PIN. " + triesLeft + " tries left before the token locks.");
        }
        window.textBox("current-pin").enterText(TestTokens.WRONG_PIN);
        awaitCondition("change enabled", () -> window.button("change-pin").target().isEnabled());
        window.button("change-pin").click();

        FrameFixture unlock = WindowFinder.findFrame(UnlockWindow.class).withTimeout(20_000).using(robot);
        awaitCondition("the change window gave way", () -> !window.target().isDisplayable());
        DeviceStatus locked = tokenStatus();
        assertEquals(DeviceState.LOCKED, locked.state());
        awaitCondition("the Random is shown", () -> unlock.label("random").target().getText()
                .equals(UnlockCodes.forDictation(locked.unlockRandom().orElseThrow())));
        unlock.label("csn").requireText("0A1B 2C3D 4E5F");
        unlock.label("helpdesk-phone").requireText(HELPDESK);
    }

    // ---- unlock ---------------------------------------------------------------------------------------------

    @Test
    void theHelpdeskCodeOpensNewPinAndTheTokenIsUnlocked() {
        String random = lockedToken();
        FrameFixture window = unlockWindow();
        window.label("random").requireText(UnlockCodes.forDictation(random));
        window.textBox("new-pin").requireDisabled();

        window.textBox("code").enterText("1234 56a78");
        window.textBox("code").requireText("12345678");
        window.button("check-code").click();
        awaitText(window, "notice", "That Code is not right for this CSN and Random. Check it with the helpdesk.");
        window.textBox("new-pin").requireDisabled();

        window.textBox("code").deleteText().enterText(codeFor(random));
        window.textBox("code").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        awaitText(window, "notice", "Code accepted. Choose a new PIN.");
        awaitCondition("New PIN is open", () -> window.textBox("new-pin").target().isEnabled());
        window.textBox("code").requireDisabled();

        typePin(window, NEW_PIN);
        awaitMarks(window, RuleMark.MET, PinRule.values());
        window.textBox("confirm-pin").enterText(NEW_PIN);
        awaitCondition("unlock enabled", () -> window.button("unlock").target().isEnabled());
        window.button("unlock").click();

        awaitState(DeviceState.READY);
        assertLogsInWith(NEW_PIN);
    }

    @Test
    void threeWrongCodesShowANewRandomAsTheTokenDraws() {
        String random = lockedToken();
        FrameFixture window = unlockWindow();

        for (int i = 1; i <= DeviceStatus.MAX_CODE_TRIES; i++) {
            String answer = i < DeviceStatus.MAX_CODE_TRIES ? "That Code" : "Too many";
            window.textBox("code").deleteText().enterText("00000000");
            window.button("check-code").click();
            awaitCondition("the token answered " + answer, () -> window.textBox("notice").target().getText().startsWith(answer));
            if (i < DeviceStatus.MAX_CODE_TRIES) {
                window.label("random").requireText(UnlockCodes.forDictation(random));
            }
        }

        String newRandom = tokenStatus().unlockRandom().orElseThrow();
        assertFalse(newRandom.equals(random));
        window.label("random").requireText(UnlockCodes.forDictation(newRandom));
        awaitText(window, "notice", "Too many wrong Codes: the token shows a new Random. Read it out to the helpdesk.");
    }

    /** A handed-over token locked by five wrong PINs; returns the Random it drew. */
    private String lockedToken() {
        try (VirtualToken token = TestTokens.handedOver(token(), new TestPki())) {
            return TestTokens.lockWithWrongPins(token);
        }
    }

    /** The Unlock window in English, once its Code field takes input. */
    private FrameFixture unlockWindow() {
        openScreens(ENGLISH, List.of());
        FrameFixture window = open(screens::showUnlock, UnlockWindow.class);
        awaitCondition("the Code field is open", () -> window.textBox("code").target().isEnabled());
        return window;
    }

    // ---- screenshots ----------------------------------------------------------------------------------------

    @Test
    void everyWindowIsPhotographedInBothLanguages() throws Exception {
        TestPki pki = new TestPki();
        TestTokens.personalised(token(), pki).close();
        bankServer = bankServer();
        List<BankServer> banks = List.of(new BankServer("https://login.bank.hu",
                URI.create("https://localhost:" + bankServer.getLocalPort())));
        for (Locale locale : List.of(ENGLISH, HUNGARIAN)) {
            String language = locale.getLanguage();
            openScreens(locale, banks);

            FrameFixture setPin = open(screens::showSetPin, SetPinWindow.class);
            awaitCondition("New PIN is open", () -> setPin.textBox("new-pin").target().isEnabled());
            typePin(setPin, "abc12");
            awaitMarks(setPin, RuleMark.NOT_MET, PinRule.LENGTH);
            photograph(setPin, "set-pin-" + language + ".png");
            setPin.close();

            if (tokenStatus().state() == DeviceState.FACTORY) {
                try (VirtualToken token = VirtualToken.open(token())) {
                    token.setInitialPin(TestTokens.PIN.toCharArray());
                }
            }
            FrameFixture status = open(screens::showStatus, StatusWindow.class);
            awaitCondition("the bank server was probed", () -> !status.label("reachable").target().getText().endsWith("…"));
            awaitCondition("the token was read", () -> !status.label("state").target().getText().equals("…"));
            photograph(status, "status-" + language + ".png");
            status.close();

            FrameFixture change = open(screens::showChangePin, ChangePinWindow.class);
            awaitCondition("old PIN enabled", () -> change.textBox("current-pin").target().isEnabled());
            change.textBox("current-pin").enterText(TestTokens.WRONG_PIN);
            typePin(change, NEW_PIN);
            awaitMarks(change, RuleMark.MET, PinRule.values());
            change.textBox("confirm-pin").enterText(NEW_PIN);
            awaitCondition("change enabled", () -> change.button("change-pin").target().isEnabled());
            change.button("change-pin").click();
            awaitCondition("the wrong PIN was told", () -> change.textBox("notice").target().getText().contains("4"));
            photograph(change, "change-pin-" + language + ".png");
            change.close();

            try (VirtualToken token = VirtualToken.open(token())) {
                while (token.status().state() != DeviceState.LOCKED) {
                    assertThrows(TokenDeviceException.class, () -> token.login(TestTokens.WRONG_PIN.toCharArray()));
                }
            }
            FrameFixture unlock = open(screens::showUnlock, UnlockWindow.class);
            awaitCondition("the Code field is open", () -> unlock.textBox("code").target().isEnabled());
            unlock.textBox("code").enterText("1234");
            photograph(unlock, "unlock-" + language + ".png");
            unlock.textBox("code").deleteText().enterText(codeFor(tokenStatus().unlockRandom().orElseThrow()));
            unlock.button("check-code").click();
            awaitCondition("New PIN is open", () -> unlock.textBox("new-pin").target().isEnabled());
            typePin(unlock, TestTokens.PIN + "x");
            awaitMarks(unlock, RuleMark.MET, PinRule.values());
            unlock.textBox("confirm-pin").enterText(TestTokens.PIN + "x");
            awaitCondition("unlock enabled", () -> unlock.button("unlock").target().isEnabled());
            photograph(unlock, "unlock-new-pin-" + language + ".png");
            unlock.close();

            FrameFixture about = open(screens::showAbout, AboutWindow.class);
            photograph(about, "about-" + language + ".png");
            about.close();

            GuiActionRunner.execute(() -> screens.closeAll());
            Files.walk(token()).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            TestTokens.personalised(token(), pki).close();
        }
    }

    /** A port that answers like the bank's server, fixed where free so that the pictures are the same each run. */
    private static ServerSocket bankServer() throws IOException {
        try {
            return new ServerSocket(44443, 50, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
    }

    private void photograph(FrameFixture window, String fileName) throws Exception {
        robot.waitForIdle();
        Pause.pause(300); // the caret and the focus ring are painted
        Path directory = Path.of(System.getProperty("screens.screenshots", "target/screens"));
        Files.createDirectories(directory);
        java.awt.Rectangle bounds = GuiActionRunner.execute(() -> window.target().getBounds());
        ImageIO.write(new java.awt.Robot().createScreenCapture(bounds), "png", directory.resolve(fileName).toFile());
        assertTrue(Files.size(directory.resolve(fileName)) > 1000);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String codeFor(String random) {
        return UnlockCodes.code(UnlockCodes.diversifyTokenKey(TestTokens.MASTER_UNLOCK_KEY, TestTokens.CSN), TestTokens.CSN, random);
    }

    /** Replaces what "New PIN" holds with {@code pin}, typed key by key. */
    private static void typePin(FrameFixture window, String pin) {
        awaitCondition("New PIN is open", () -> window.textBox("new-pin").target().isEnabled());
        window.textBox("new-pin").deleteText().enterText(pin);
    }

    private void focusWindow(FrameFixture window) {
        // The virtual display has no window manager: a click on the heading gives the window the keyboard, as a
        // user's click on a new window does, and leaves the focus where the window put it.
        robot.click(GuiActionRunner.execute(() -> firstLabel(window.target())));
        robot.waitForIdle();
    }

    private static JLabel firstLabel(Container container) {
        for (Component child : container.getComponents()) {
            if (child instanceof JLabel label && child.isShowing()) {
                return label;
            }
            if (child instanceof Container inner) {
                JLabel found = firstLabel(inner);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void awaitMarks(FrameFixture window, RuleMark mark, PinRule... rules) {
        for (PinRule rule : rules) {
            awaitCondition(rule + " " + mark, () -> GuiActionRunner.execute(() -> markOf(window.target(), rule))
                    .map(mark::equals).orElse(false));
        }
    }

    private static Optional<RuleMark> markOf(Container container, PinRule rule) {
        for (Component child : container.getComponents()) {
            if (child instanceof JLabel && child.getName() != null && child.getName().startsWith("rule-" + rule.name() + "-")) {
                return Optional.of(RuleMark.valueOf(child.getName().substring(("rule-" + rule.name() + "-").length())));
            }
            if (child instanceof Container inner) {
                Optional<RuleMark> found = markOf(inner, rule);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static void awaitText(FrameFixture window, String name, String text) {
        awaitCondition(name + " says " + text, () -> GuiActionRunner.execute(() -> {
            Component component = window.robot().finder().findByName(window.target(), name, false);
            return component instanceof JLabel label ? label.getText() : ((javax.swing.text.JTextComponent) component).getText();
        }).equals(text));
    }

    private void awaitState(DeviceState state) {
        awaitCondition("the token is " + state, () -> {
            try {
                return tokenStatus().state() == state;
            } catch (RuntimeException inUse) {
                return false;
            }
        });
    }

    private static void awaitCondition(String what, Supplier<Boolean> condition) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return condition.get();
            }
        }, TOKEN_ANSWERS);
    }

    private void assertLogsInWith(String pin) {
        try (VirtualToken token = VirtualToken.open(token())) {
            token.login(pin.toCharArray()).close();
        }
    }
}
