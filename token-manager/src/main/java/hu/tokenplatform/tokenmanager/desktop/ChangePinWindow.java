package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.PinPolicyException;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.WrongPinException;

import javax.swing.JButton;
import javax.swing.JPasswordField;
import javax.swing.JTextArea;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.util.Arrays;

/**
 * "Change PIN" from the letter: the current (old) PIN, then the new one under the live rules and its
 * confirmation. A wrong current PIN costs a try, as at login; the fifth locks the token, and the window turns
 * into the unlock window, which is what the user needs next.
 */
final class ChangePinWindow extends TokenWindow {

    private final JPasswordField current = new JPasswordField(18);
    private final NewPinFields newPin;
    private final JTextArea intro = DesktopLook.paragraph(" ");
    private final JButton change;
    private final transient Runnable locked;
    private String csn;

    /** @param locked turns this window into the unlock window */
    ChangePinWindow(ScreenTexts texts, TokenCalls calls, Runnable locked) {
        super(texts, calls, "change-pin.title");
        this.locked = locked;
        current.setName("current-pin");
        newPin = new NewPinFields(texts, calls, this::busyChanged);
        change = button(texts.text("change-pin.ok"), "change-pin", this::changePin);
        JButton cancel = button(texts.text("action.cancel"), "cancel", this::dispose);
        Rows rows = new Rows().across(DesktopLook.heading(texts.text("change-pin.heading"))).gap(6).across(intro).gap(10)
                .pair(DesktopLook.labelFor(texts.text("change-pin.current"), current), current);
        newPin.addTo(rows);
        showBody(rows.panel(), change, cancel);
        current.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                busyChanged();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                busyChanged();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                busyChanged();
            }
        });
        current.setEnabled(false);
        newPin.setEnabled(false);
        withToken(token -> token.status(), status -> {
            if (status.state() == DeviceState.READY) {
                csn = status.csn();
                intro.setText(texts.text("change-pin.intro", csn, status.pinTriesLeft()));
                current.setEnabled(true);
                newPin.setEnabled(true);
                current.requestFocusInWindow();
            } else if (status.state() == DeviceState.LOCKED || status.state() == DeviceState.AWAITING_NEW_PIN) {
                locked.run();
            } else {
                warn(texts.text("error.state." + status.state().name()));
            }
            pack();
        });
        newPin.loadRules();
    }

    private void changePin() {
        if (!canChange()) {
            return;
        }
        char[] old = current.getPassword();
        char[] chosen = newPin.takePin();
        withToken(token -> {
            try {
                token.changePin(old, chosen);
                return null;
            } finally {
                Arrays.fill(old, '\0');
                Arrays.fill(chosen, '\0');
            }
        }, done -> {
            current.setText("");
            newPin.clear();
            finish(texts.text("change-pin.done"));
        }, this::refused);
    }

    private void refused(RuntimeException refusal) {
        if (refusal instanceof TokenLockedException) {
            current.setText("");
            newPin.clear();
            locked.run();
            return;
        }
        if (refusal instanceof WrongPinException wrong) {
            current.setText("");
            current.requestFocusInWindow();
            intro.setText(texts.text("change-pin.intro", csn, wrong.triesLeft()));
            warn(texts.text("change-pin.wrong", wrong.triesLeft()));
            return;
        }
        if (refusal instanceof PinPolicyException) {
            newPin.clear();
            newPin.pinField().requestFocusInWindow();
        }
        warn(texts.refusal(refusal));
    }

    private boolean canChange() {
        return current.isEnabled() && current.getDocument().getLength() > 0 && newPin.ready() && !working();
    }

    @Override
    protected String getTitleText() {
        return texts.text("change-pin.title");
    }

    @Override
    protected void busyChanged() {
        if (change != null) {
            change.setEnabled(canChange());
        }
    }
}
