package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.TokenDevice;

import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import javax.swing.border.EmptyBorder;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every Token Manager window shares: its title, a line for progress and for what went wrong (always in
 * words), the buttons at the bottom with the default one on Enter and Escape for Cancel or Close, and the token
 * called off the event thread.
 */
abstract class TokenWindow extends JFrame {

    protected final transient ScreenTexts texts;
    private final transient TokenCalls calls;
    private final JTextArea notice = DesktopLook.paragraph(" ");
    private final JProgressBar progress = new JProgressBar();
    private final JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, DesktopLook.px(8), 0));
    private final Color normalText = UIManager.getColor("Label.foreground");
    private int working;
    private boolean closed;

    TokenWindow(ScreenTexts texts, TokenCalls calls, String titleKey) {
        super(texts.text("window.title", texts.text(titleKey)));
        this.texts = texts;
        this.calls = calls;
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        DesktopLook.escapeRuns(getRootPane(), this::dispose);
        notice.setName("notice");
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.getAccessibleContext().setAccessibleName(texts.text("window.busy"));
    }

    @Override
    public void dispose() {
        closed = true;
        super.dispose();
    }

    /**
     * A late answer from the token (a PIN check still under way when the window closed) must not bring a closed
     * window back: packing gives a window its native resources again.
     */
    @Override
    public void pack() {
        if (!closed) {
            super.pack();
        }
    }

    /** Lays out the window: the body, then the notice line and progress, then the buttons, the first the default. */
    protected void showBody(JComponent body, JButton... actions) {
        getContentPane().removeAll();
        buttons.removeAll();
        for (JButton action : actions) {
            buttons.add(action);
        }
        if (actions.length > 0) {
            getRootPane().setDefaultButton(actions[0]);
        }
        JPanel bottom = new JPanel(new BorderLayout(0, DesktopLook.px(8)));
        bottom.setBorder(new EmptyBorder(0, DesktopLook.px(20), DesktopLook.px(16), DesktopLook.px(20)));
        bottom.add(notice, BorderLayout.NORTH);
        bottom.add(progress, BorderLayout.CENTER);
        bottom.add(buttons, BorderLayout.SOUTH);
        getContentPane().setLayout(new BorderLayout());
        getContentPane().add(body, BorderLayout.CENTER);
        getContentPane().add(bottom, BorderLayout.SOUTH);
        revalidate();
        repaint();
    }

    /** The end of the window's task: what was done, and Close (on Enter and Escape alike). */
    protected void finish(String done) {
        JButton close = DesktopLook.named(new JButton(), texts.text("action.close"));
        close.setName("close");
        close.addActionListener(e -> dispose());
        Rows rows = new Rows();
        rows.across(DesktopLook.heading(getTitleText())).gap(8).across(DesktopLook.paragraph(done));
        tell(" ");
        showBody(rows.panel(), close);
        pack();
        close.requestFocusInWindow();
    }

    /** The heading of the finished window: what it was for. */
    protected abstract String getTitleText();

    protected JButton button(String markedText, String name, Runnable action) {
        JButton button = DesktopLook.named(new JButton(), markedText);
        button.setName(name);
        button.addActionListener(e -> action.run());
        return button;
    }

    /** A neutral sentence under the body ("Code accepted"). */
    protected void tell(String text) {
        notice.setForeground(normalText);
        setNotice(text);
    }

    /** What went wrong, in red (and said to screen readers like any text). */
    protected void warn(String text) {
        notice.setForeground(new Color(0xC5221F));
        setNotice(text);
    }

    private void setNotice(String text) {
        notice.setText(text);
        notice.getAccessibleContext().setAccessibleName(text);
        pack();
    }

    /**
     * Calls the token off the event thread, with the progress bar shown meanwhile; a refusal not handled by
     * {@code refused} is put in words by {@link #warn}.
     */
    protected <T> void withToken(Function<TokenDevice, T> call, Consumer<T> answered, Consumer<RuntimeException> refused) {
        busy(true);
        calls.run(call, answer -> {
            busy(false);
            answered.accept(answer);
        }, refusal -> {
            busy(false);
            refused.accept(refusal);
        });
    }

    protected <T> void withToken(Function<TokenDevice, T> call, Consumer<T> answered) {
        withToken(call, answered, refusal -> warn(texts.refusal(refusal)));
    }

    protected TokenCalls calls() {
        return calls;
    }

    protected boolean working() {
        return working > 0;
    }

    private void busy(boolean starting) {
        working += starting ? 1 : -1;
        progress.setVisible(working > 0);
        busyChanged();
    }

    /** Buttons that must not be pressed twice are disabled while the token works. */
    protected void busyChanged() {
    }
}
