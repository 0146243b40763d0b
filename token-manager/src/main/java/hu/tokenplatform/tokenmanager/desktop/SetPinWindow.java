package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.PinPolicyException;

import javax.swing.JButton;
import javax.swing.JTextArea;
import java.util.Arrays;

/** First use, as in the bank's letter: the PIN rules on screen, "Confirm PIN" active once the PIN meets them. */
final class SetPinWindow extends TokenWindow {

    private final NewPinFields newPin;
    private final JTextArea intro = DesktopLook.paragraph(" ");
    private final JButton setPin;

    SetPinWindow(ScreenTexts texts, TokenCalls calls) {
        super(texts, calls, "set-pin.title");
        newPin = new NewPinFields(texts, calls, this::busyChanged);
        setPin = button(texts.text("set-pin.ok"), "set-pin", this::setPin);
        JButton cancel = button(texts.text("action.cancel"), "cancel", this::dispose);
        Rows rows = new Rows().across(DesktopLook.heading(texts.text("set-pin.heading"))).gap(6).across(intro).gap(10);
        newPin.addTo(rows);
        showBody(rows.panel(), setPin, cancel);
        newPin.setEnabled(false);
        withToken(token -> token.status(), status -> {
            if (status.state() == DeviceState.FACTORY) {
                intro.setText(texts.text("set-pin.intro", status.csn()));
                newPin.setEnabled(true);
                newPin.pinField().requestFocusInWindow();
            } else {
                warn(texts.text("error.state." + status.state().name()));
            }
            pack();
        });
        newPin.loadRules();
    }

    private void setPin() {
        if (!newPin.ready() || working()) {
            return;
        }
        char[] pin = newPin.takePin();
        withToken(token -> {
            try {
                token.setInitialPin(pin);
                return null;
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, done -> {
            newPin.clear();
            finish(texts.text("set-pin.done"));
        }, this::refused);
    }

    private void refused(RuntimeException refusal) {
        if (refusal instanceof PinPolicyException) {
            newPin.clear();
        }
        warn(texts.refusal(refusal));
    }

    @Override
    protected String getTitleText() {
        return texts.text("set-pin.title");
    }

    @Override
    protected void busyChanged() {
        if (setPin != null) {
            setPin.setEnabled(newPin.ready() && !working());
        }
    }
}
