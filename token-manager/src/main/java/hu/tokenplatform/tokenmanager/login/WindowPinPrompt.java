package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokencrypto.login.PendingLogin;
import hu.tokenplatform.tokenmanager.cli.Messages;
import hu.tokenplatform.tokenmanager.desktop.DesktopLook;

import javax.swing.Box;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.Font;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The login PIN asked in Token Manager's own window, on top of the browser, for the agent that runs in the
 * user's desktop session (the installed service has no terminal), in the look of Token Manager's other windows.
 * Closing the window, Cancel, an empty PIN or no answer within the timeout cancel the login.
 */
public final class WindowPinPrompt implements PinPrompt {

    private final Messages messages;
    private final Duration timeout;

    public WindowPinPrompt(Messages messages, Duration timeout) {
        this.messages = messages;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<char[]> askLoginPin(PendingLogin.ClientName service, String origin, int triesLeft) {
        AtomicReference<char[]> answer = new AtomicReference<>();
        String name = service.in(messages.locale());
        try {
            SwingUtilities.invokeAndWait(() -> answer.set(showDialog(name, origin, triesLeft)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the PIN window cannot be shown", e.getCause());
        }
        char[] pin = answer.get();
        return pin == null || pin.length == 0 ? Optional.empty() : Optional.of(pin);
    }

    /**
     * The window names the service as the bank registered it, in bold, and the bank login page that asked; its
     * title names the service too, so that it stands out among the desktop's windows.
     */
    private char[] showDialog(String service, String origin, int triesLeft) {
        DesktopLook.install();
        JLabel heading = DesktopLook.label(messages.text("window.login.service", service), Font.BOLD, 1.3f);
        JLabel page = DesktopLook.label(messages.text("window.login.page", hostOf(origin)), Font.PLAIN, 1f);
        JLabel question = DesktopLook.label(messages.text("window.login.pin", triesLeft), Font.PLAIN, 1f);
        JPasswordField field = new JPasswordField(20);
        field.getAccessibleContext().setAccessibleName(question.getText());
        question.setLabelFor(field);
        String logIn = messages.text("window.login.ok");
        String cancel = messages.text("window.login.cancel");
        JOptionPane pane = new JOptionPane(new Object[]{heading, page, Box.createVerticalStrut(6), question, field},
                JOptionPane.PLAIN_MESSAGE, JOptionPane.OK_CANCEL_OPTION, null, new Object[]{logIn, cancel}, logIn) {
            /** The option pane would give the keyboard to its first button; the user types the PIN straight away. */
            @Override
            public void selectInitialValue() {
                field.requestFocusInWindow();
            }
        };
        JDialog dialog = pane.createDialog(messages.text("window.login.title", service));
        dialog.setAlwaysOnTop(true);
        field.addActionListener(e -> pane.setValue(logIn));
        Timer expiry = new Timer((int) timeout.toMillis(), e -> dialog.dispose());
        expiry.setRepeats(false);
        expiry.start();
        dialog.setVisible(true);
        expiry.stop();
        char[] typed = field.getPassword();
        field.setText("");
        dialog.dispose();
        if (!logIn.equals(pane.getValue())) {
            Arrays.fill(typed, '\0');
            return null;
        }
        return typed;
    }

    /** {@code login.bank.hu}, or {@code 127.0.0.1:8082} where a port is given: the page as the user knows it. */
    private static String hostOf(String origin) {
        URI uri = URI.create(origin);
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
