package hu.tokenplatform.tokenmanager.desktop;

import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Image;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

/**
 * Token Manager where the desktop has no tray (some Linux desktops, a virtual display): a small window with what
 * the tray icon would show (the token's condition, in a picture and in words, with what to do) and the tray
 * menu's actions as buttons. Closing it quits Token Manager, as Quit in the tray menu does.
 */
final class MainWindow implements DesktopFront {

    /** The condition picture in the window, in logical pixels (sharp at every screen scale). */
    private static final int PICTURE = 56;

    private final AppTexts texts;
    private final DesktopActions actions;
    private final JFrame frame;
    private final JLabel picture = new JLabel();
    private final JLabel condition = new JLabel();
    /** Room for the longest advice, so the window keeps its size (and its buttons their place) as the token changes. */
    private final JTextArea advice = new JTextArea(3, 32);
    private final JLabel csn = new JLabel(" ");
    private final JButton status;
    private final JButton pin;
    private final JButton unlock;

    MainWindow(AppTexts texts, DesktopActions actions) {
        this.texts = texts;
        this.actions = actions;
        frame = new JFrame(texts.text("app.name"));
        frame.setName("token-manager");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                actions.quit();
            }
        });

        picture.setName("condition-picture");
        condition.setName("condition");
        condition.putClientProperty("html.disable", Boolean.TRUE);
        condition.setFont(condition.getFont().deriveFont(Font.BOLD, condition.getFont().getSize2D() * 1.4f));
        advice.setName("advice");
        advice.setEditable(false);
        advice.setFocusable(false);
        advice.setLineWrap(true);
        advice.setWrapStyleWord(true);
        advice.setOpaque(false);
        advice.setBorder(null);
        advice.setFont(condition.getFont().deriveFont(Font.PLAIN, condition.getFont().getSize2D() / 1.4f));
        csn.setName("csn");
        csn.putClientProperty("html.disable", Boolean.TRUE);

        // Condition and CSN on top; the advice below has room for its longest text, blank at the bottom if shorter.
        JPanel heading = new JPanel(new BorderLayout(0, 2));
        heading.add(condition, BorderLayout.NORTH);
        heading.add(csn, BorderLayout.SOUTH);
        JPanel words = new JPanel(new BorderLayout(0, 8));
        words.add(heading, BorderLayout.NORTH);
        words.add(advice, BorderLayout.CENTER);
        JPanel state = new JPanel(new BorderLayout(14, 0));
        state.add(picture, BorderLayout.WEST);
        state.add(words, BorderLayout.CENTER);

        status = button("status", "action.status", actions::status);
        pin = button("pin", "action.change-pin", actions::pin);
        unlock = button("unlock", "action.unlock", actions::unlock);
        AppLanguage other = texts.language() == AppLanguage.HUNGARIAN ? AppLanguage.ENGLISH : AppLanguage.HUNGARIAN;
        JButton language = button("language", "action.other-language", () -> actions.switchLanguage(other));
        // Named in the language it switches to, so a user who cannot read this one still finds it.
        language.setLocale(other.locale());
        JButton about = button("about", "action.about", actions::about);
        JButton quit = button("quit", "action.quit", actions::quit);
        JPanel buttons = new JPanel(new GridLayout(0, 2, 8, 8));
        Stream.of(status, pin, unlock, about, language, quit).forEach(buttons::add);

        JPanel content = new JPanel(new BorderLayout(0, 18));
        content.setBorder(BorderFactory.createEmptyBorder(18, 18, 18, 18));
        content.add(state, BorderLayout.NORTH);
        content.add(buttons, BorderLayout.CENTER);
        frame.setContentPane(content);
    }

    private JButton button(String name, String key, Runnable action) {
        JButton button = new JButton();
        button.setName(name);
        button.putClientProperty("html.disable", Boolean.TRUE);
        Mnemonic.of(texts.text(key)).applyTo(button);
        button.addActionListener(e -> action.run());
        return button;
    }

    @Override
    public void show(TokenReading reading) {
        TokenCondition now = reading.condition();
        String title = texts.text("condition." + now.name());
        picture.setIcon(new ImageIcon(TokenIcons.icon(now, PICTURE)));
        picture.getAccessibleContext().setAccessibleName(title);
        condition.setText(title);
        advice.setText(texts.text("condition." + now.name() + ".advice",
                reading.certificateExpiry().map(Date::from).orElse(null)));
        csn.setText(reading.csn().map(serial -> texts.text("token.csn", serial)).orElse(" "));
        Mnemonic.of(texts.text(now == TokenCondition.PIN_NOT_SET ? "action.set-pin" : "action.change-pin")).applyTo(pin);
        frame.setTitle(texts.text("app.tooltip", title));
        frame.setIconImages(List.<Image>of(TokenIcons.draw(now, 16), TokenIcons.draw(now, 32), TokenIcons.draw(now, 48),
                TokenIcons.draw(now, 64)));
        // Enter does what the condition calls for: Unlock while locked, Set PIN on a new token, else Status.
        frame.getRootPane().setDefaultButton(switch (now) {
            case LOCKED -> unlock;
            case PIN_NOT_SET -> pin;
            default -> status;
        });
        if (!frame.isVisible()) {
            frame.pack();
            frame.setMinimumSize(frame.getSize());
            frame.setLocationRelativeTo(null);
            frame.setVisible(true);
            frame.getRootPane().getDefaultButton().requestFocusInWindow();
        }
    }

    @Override
    public void close() {
        frame.dispose();
    }

    JFrame frame() {
        return frame;
    }
}
