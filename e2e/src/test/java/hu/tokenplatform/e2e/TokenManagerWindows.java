package hu.tokenplatform.e2e;

import hu.tokenplatform.tokencrypto.pin.PinRule;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.desktop.SwingTokenScreens;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Token Manager's windows on the user's screen: the product's own {@link SwingTokenScreens} for the user's token
 * and agent configuration, as the desktop app opens them from its tray icon, in English like the story's Token
 * Manager. The story works them with AssertJ Swing's mouse and keyboard as the user would: it types into the
 * fields, waits for what the window shows, and clicks a button once it is enabled. The windows reach the token as
 * the app does, opening it for each call, so the agent in its own process shares it as it would with the app.
 * <p>
 * Needs a display: e2e's failsafe JVM runs on a virtual one of its own (Xvfb, see the pom).
 */
final class TokenManagerWindows implements AutoCloseable {

    /** A PIN check, a PIN change or an unlock on a machine shared by several builds. */
    private static final Timeout TOKEN_ANSWERS = Timeout.timeout(30_000);

    private final Robot robot;
    private final SwingTokenScreens screens;

    TokenManagerWindows(Path token, Path agentConfig) {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("Token Manager's windows need a display, and there is none: e2e's failsafe JVM "
                    + "runs on a virtual display of its own when Xvfb is installed (.ci/run installs it)");
        }
        screens = GuiActionRunner.execute(() -> new SwingTokenScreens(new TokenPort(token), AgentConfig.load(agentConfig), Locale.ENGLISH));
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    /** "Set PIN": first use, the token has no PIN yet. */
    FrameFixture setPin() {
        return open(screens::showSetPin, "Set PIN");
    }

    /** "Change PIN": old PIN, new PIN, confirmation. */
    FrameFixture changePin() {
        return open(screens::showChangePin, "Change PIN");
    }

    /** "Unlock": CSN and Random to read out to the helpdesk, the Code it gives back, then the new PIN. */
    FrameFixture unlock() {
        return open(screens::showUnlock, "Unlock");
    }

    /** Types {@code pin} into "New PIN" key by key, in place of what it held, once the field is open. */
    void typeNewPin(FrameFixture window, String pin) {
        awaitEnabled(window, "new-pin");
        typeWhole(window, "new-pin", pin);
    }

    /**
     * Types {@code text} into the field and checks that the field got every character; on a machine loaded far
     * beyond its cores a robot's keystroke can go astray, and then the field is typed again (at most three times).
     * Only the length is read back: PIN fields do not give their text.
     */
    private void typeWhole(FrameFixture window, String name, String text) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            window.textBox(name).deleteText().enterText(text);
            int typed = GuiActionRunner.execute(() -> ((JTextComponent) named(window.target(), name)).getDocument().getLength());
            if (typed == text.length()) {
                return;
            }
            System.out.println("Token Manager windows: " + name + " got " + typed + " of " + text.length() + " characters; typing it again");
        }
    }

    /**
     * A PIN that meets the rules, as a user chooses it: typed into New PIN, every rule ticks, Confirm PIN opens and
     * gets the same PIN.
     */
    void chooseNewPin(FrameFixture window, String pin) {
        typeNewPin(window, pin);
        awaitEveryRuleTicked(window);
        awaitEnabled(window, "confirm-pin");
        typeWhole(window, "confirm-pin", pin);
    }

    /** Waits until the mark before {@code rule} says met (a tick) or not met (a red ring). */
    void awaitRule(FrameFixture window, PinRule rule, boolean met) {
        String mark = "rule-" + rule.name() + "-" + (met ? "MET" : "NOT_MET");
        await(rule + (met ? " ticked" : " marked not met"), () -> GuiActionRunner.execute(() -> named(window.target(), mark) != null));
    }

    void awaitEveryRuleTicked(FrameFixture window) {
        for (PinRule rule : PinRule.values()) {
            awaitRule(window, rule, true);
        }
    }

    /** Waits until the field or button called {@code name} is enabled (the token has answered). */
    void awaitEnabled(FrameFixture window, String name) {
        await(name + " enabled", () -> GuiActionRunner.execute(() -> {
            Component component = named(window.target(), name);
            return component != null && component.isEnabled();
        }));
    }

    /** Clicks the button called {@code name} once it is enabled; if it never is, says what the window showed. */
    void click(FrameFixture window, String name) {
        try {
            awaitEnabled(window, name);
        } catch (RuntimeException notEnabled) {
            throw new AssertionError(name + " never became enabled; the window showed: " + describe(window), notEnabled);
        }
        window.button(name).click();
    }

    /** The window's labels, and its fields' names with how many characters each holds (never a field's text). */
    private static String describe(FrameFixture window) {
        return GuiActionRunner.execute(() -> {
            StringBuilder shown = new StringBuilder();
            describe(window.target(), shown);
            return shown.toString();
        });
    }

    private static void describe(Container container, StringBuilder shown) {
        for (Component child : container.getComponents()) {
            if (!child.isShowing()) {
                continue;
            }
            if (child instanceof JLabel label && label.getText() != null && !label.getText().isBlank()) {
                shown.append('[').append(label.getText()).append("] ");
            } else if (child instanceof JTextComponent field && child.getName() != null) {
                shown.append(child.getName()).append('=').append(field.getDocument().getLength()).append(" chars")
                        .append(field.isEnabled() ? "" : " (disabled)").append("; ");
            }
            if (child instanceof Container inner) {
                describe(inner, shown);
            }
        }
    }

    /** Waits until the window shows {@code text}, in a label, a paragraph or its notice line. */
    void awaitShows(FrameFixture window, String text) {
        await("the window says: " + text, () -> GuiActionRunner.execute(() -> shows(window.target(), text)));
    }

    /** The window of that title, once it is on the screen and has the keyboard. */
    private FrameFixture open(Runnable show, String title) {
        GuiActionRunner.execute(show::run);
        String fullTitle = "Token Manager – " + title;
        FrameFixture window = WindowFinder.findFrame(new GenericTypeMatcher<>(JFrame.class) {
            @Override
            protected boolean isMatching(JFrame frame) {
                return fullTitle.equals(frame.getTitle()) && frame.isShowing();
            }
        }).withTimeout(10_000).using(robot);
        // Without a window manager a click right after the window is mapped can reach the screen before the window.
        await("the " + title + " window has the keyboard", () -> GuiActionRunner.execute(() -> window.target().isFocused()));
        // Without a window manager, AWT now and then records a just-mapped frame at (0, 0) while the X server shows
        // it centred, and a robot's clicks then fall beside the buttons; moving the mapped frame makes the X server
        // report where it is.
        GuiActionRunner.execute(() -> window.target().setLocation(window.target().getX() + 1, window.target().getY()));
        robot.waitForIdle();
        return window;
    }

    private static Component named(Container container, String name) {
        for (Component child : container.getComponents()) {
            if (name.equals(child.getName()) && child.isShowing()) {
                return child;
            }
            if (child instanceof Container inner) {
                Component found = named(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean shows(Container container, String text) {
        for (Component child : container.getComponents()) {
            String shown = child instanceof JLabel label ? label.getText()
                    : child instanceof JTextComponent field ? field.getText() : null;
            if (text.equals(shown) && child.isShowing()) {
                return true;
            }
            if (child instanceof Container inner && shows(inner, text)) {
                return true;
            }
        }
        return false;
    }

    private static void await(String what, Supplier<Boolean> condition) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return condition.get();
            }
        }, TOKEN_ANSWERS);
    }

    /** Closes every window still open, as the user quitting the app does. */
    @Override
    public void close() {
        try {
            GuiActionRunner.execute(screens::closeAll);
        } finally {
            robot.cleanUp();
        }
    }
}
