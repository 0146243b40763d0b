package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokenmanager.cli.Messages;

import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The login PIN asked in Token Manager's own window, on top of the browser, for the agent that runs in the
 * user's desktop session (the installed service has no terminal). Closing the window, Cancel, an empty PIN or
 * no answer within the timeout cancel the login.
 */
public final class WindowPinPrompt implements PinPrompt {

    private final Messages messages;
    private final Duration timeout;

    public WindowPinPrompt(Messages messages, Duration timeout) {
        this.messages = messages;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<char[]> askLoginPin(String client, String origin, int triesLeft) {
        AtomicReference<char[]> answer = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> answer.set(showDialog(client, origin, triesLeft)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the PIN window cannot be shown", e.getCause());
        }
        char[] pin = answer.get();
        return pin == null || pin.length == 0 ? Optional.empty() : Optional.of(pin);
    }

    private char[] showDialog(String client, String origin, int triesLeft) {
        JPasswordField field = new JPasswordField(20);
        JLabel question = new JLabel(messages.text("login.pin-request", messages.clientName(client), origin, triesLeft));
        JOptionPane pane = new JOptionPane(new Object[]{question, field}, JOptionPane.PLAIN_MESSAGE, JOptionPane.OK_CANCEL_OPTION) {
            /** The option pane would give the keyboard to its OK button; the user types the PIN straight away. */
            @Override
            public void selectInitialValue() {
                field.requestFocusInWindow();
            }
        };
        JDialog dialog = pane.createDialog(messages.text("window.title"));
        dialog.setAlwaysOnTop(true);
        field.addActionListener(e -> pane.setValue(JOptionPane.OK_OPTION));
        Timer expiry = new Timer((int) timeout.toMillis(), e -> dialog.dispose());
        expiry.setRepeats(false);
        expiry.start();
        dialog.setVisible(true);
        expiry.stop();
        char[] typed = field.getPassword();
        field.setText("");
        dialog.dispose();
        if (!Integer.valueOf(JOptionPane.OK_OPTION).equals(pane.getValue())) {
            Arrays.fill(typed, '\0');
            return null;
        }
        return typed;
    }
}
