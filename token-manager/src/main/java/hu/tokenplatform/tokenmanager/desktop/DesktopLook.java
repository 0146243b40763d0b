package hu.tokenplatform.tokenmanager.desktop;

import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.util.UIScale;

import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JRootPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.UIManager;
import javax.swing.text.View;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;

/**
 * How Token Manager's windows look and are worked with the keyboard: FlatLaf, which scales with the desktop's
 * DPI by itself, and the few helpers every window uses so that labels are plain text, every control has a name
 * for screen readers and a mnemonic, and Escape closes.
 */
public final class DesktopLook {

    private static boolean installed;

    private DesktopLook() {
    }

    /** Once per program, on the Swing event thread, before the first window. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        FlatLightLaf.setup();
        UIManager.put("Button.arc", 8);
        UIManager.put("Component.arc", 8);
        UIManager.put("TextComponent.arc", 8);
        // A visible focus ring: the windows are meant to be worked with the keyboard alone.
        UIManager.put("Component.focusWidth", 2);
        installed = true;
    }

    /** A device-independent size in pixels at the desktop's scale (FlatLaf reads the scale from the system). */
    static int px(int pixels) {
        return UIScale.scale(pixels);
    }

    /** Plain text only: Swing would render a label starting with {@code <html>} as HTML. */
    public static JLabel label(String text) {
        JLabel label = new JLabel();
        label.putClientProperty("html.disable", Boolean.TRUE);
        label.setText(text);
        return label;
    }

    public static JLabel label(String text, int style, float scale) {
        JLabel label = label(text);
        label.setFont(label.getFont().deriveFont(style, label.getFont().getSize2D() * scale));
        return label;
    }

    static JLabel heading(String text) {
        return label(text, Font.BOLD, 1.3f);
    }

    /** CSN and Random: large, monospaced, so that the user reads out each character without mistaking 0 for O. */
    static JLabel dictation(String text) {
        JLabel label = label(text);
        label.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.round(label.getFont().getSize2D() * 1.9f)));
        return label;
    }

    /** The width a window's sentences wrap at, before scaling: wide enough for the PIN rules beside them. */
    private static final int PARAGRAPH_WIDTH = 460;

    /**
     * A sentence that wraps, read like a label (not focusable, not editable). Its preferred height is that of the
     * text wrapped at a fixed width: a wrapping text area otherwise reports the height for whatever width it had
     * last, and a packed window cuts its lines off.
     */
    static JTextArea paragraph(String text) {
        JTextArea area = new JTextArea(text) {
            @Override
            public Dimension getPreferredSize() {
                int width = px(PARAGRAPH_WIDTH);
                View view = getUI().getRootView(this);
                view.setSize(width, Integer.MAX_VALUE);
                Insets insets = getInsets();
                return new Dimension(width, (int) Math.ceil(view.getPreferredSpan(View.Y_AXIS)) + insets.top + insets.bottom);
            }
        };
        area.setEditable(false);
        area.setFocusable(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setOpaque(false);
        area.setBorder(null);
        area.setFont(UIManager.getFont("Label.font"));
        area.getAccessibleContext().setAccessibleName(text);
        return area;
    }

    /**
     * A label for {@code field} from a text whose {@code &} marks the mnemonic ("&New PIN": Alt+N moves to the
     * field); the field's accessible name is the label's text.
     */
    static JLabel labelFor(String marked, JComponent field) {
        Marked text = Marked.parse(marked);
        JLabel label = label(text.plain());
        label.setLabelFor(field);
        if (text.mnemonic() != 0) {
            label.setDisplayedMnemonic(text.mnemonic());
            label.setDisplayedMnemonicIndex(text.index());
        }
        field.getAccessibleContext().setAccessibleName(text.plain());
        return label;
    }

    /** A button's text with its {@code &}-marked mnemonic; the accessible name is the text. */
    static <B extends AbstractButton> B named(B button, String marked) {
        Marked text = Marked.parse(marked);
        button.putClientProperty("html.disable", Boolean.TRUE);
        button.setText(text.plain());
        if (text.mnemonic() != 0) {
            button.setMnemonic(text.mnemonic());
            button.setDisplayedMnemonicIndex(text.index());
        }
        button.getAccessibleContext().setAccessibleName(text.plain());
        return button;
    }

    /** Escape does what Cancel or Close does. */
    static void escapeRuns(JRootPane root, Runnable action) {
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "escape");
        root.getActionMap().put("escape", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }

    /** "&New PIN": the text without the marker, and the character after it as the mnemonic key. */
    record Marked(String plain, int mnemonic, int index) {
        static Marked parse(String marked) {
            int at = marked.indexOf('&');
            if (at < 0 || at == marked.length() - 1) {
                return new Marked(marked, 0, -1);
            }
            String plain = marked.substring(0, at) + marked.substring(at + 1);
            return new Marked(plain, KeyEvent.getExtendedKeyCodeForChar(plain.charAt(at)), at);
        }
    }
}
