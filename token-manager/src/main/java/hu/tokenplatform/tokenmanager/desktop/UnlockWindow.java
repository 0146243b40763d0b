package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.PinPolicyException;
import hu.tokenplatform.tokenmanager.unlock.HelpdeskCode;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.JTextField;
import javax.swing.text.AbstractDocument;
import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DocumentFilter;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.util.Arrays;

/**
 * The helpdesk unlock from the letter: whom to call, the CSN and the Random large and grouped for reading out,
 * the "Code" field for what the helpdesk reads back, and then "New PIN" under the same rules as at first use.
 * The token judges each Code exactly as for the command line ({@link HelpdeskCode}): three wrong Codes draw a
 * new Random, ten since the lock block the token for good.
 */
final class UnlockWindow extends TokenWindow {

    private final JLabel csn = DesktopLook.dictation(" ");
    private final JLabel random = DesktopLook.dictation(" ");
    private final JTextField code = new JTextField(10);
    private final JButton checkCode;
    private final JButton copy;
    private final NewPinFields newPin;
    private final JButton unlock;
    private String randomShown;
    private String csnShown;

    UnlockWindow(ScreenTexts texts, TokenCalls calls, String helpdeskPhone) {
        super(texts, calls, "unlock.title");
        csn.setName("csn");
        random.setName("random");
        code.setName("code");
        ((AbstractDocument) code.getDocument()).setDocumentFilter(new DigitsOnly(UnlockCodes.CODE_DIGITS));
        code.setFont(code.getFont().deriveFont(Font.BOLD, code.getFont().getSize2D() * 1.3f));
        checkCode = button(texts.text("unlock.check"), "check-code", this::checkCode);
        copy = button(texts.text("unlock.copy"), "copy", this::copy);
        copy.getAccessibleContext().setAccessibleDescription(texts.text("unlock.copy.description"));
        newPin = new NewPinFields(texts, calls, this::busyChanged);
        unlock = button(texts.text("unlock.ok"), "unlock", this::unlock);
        JButton close = button(texts.text("action.close"), "close", this::dispose);
        code.addActionListener(e -> checkCode());
        code.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                busyChanged();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                busyChanged();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                busyChanged();
            }
        });

        JLabel phone = DesktopLook.label(helpdeskPhone, Font.BOLD, 1.15f);
        phone.setName("helpdesk-phone");
        phone.getAccessibleContext().setAccessibleName(texts.text("unlock.helpdesk") + " " + helpdeskPhone);
        JPanel codeRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        codeRow.add(code);
        codeRow.add(javax.swing.Box.createHorizontalStrut(DesktopLook.px(8)));
        codeRow.add(checkCode);
        JPanel randomRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        randomRow.add(random);
        randomRow.add(javax.swing.Box.createHorizontalStrut(DesktopLook.px(16)));
        randomRow.add(copy);
        Rows rows = new Rows()
                .across(DesktopLook.heading(texts.text("unlock.heading"))).gap(6)
                .across(DesktopLook.paragraph(texts.text("unlock.step.call")))
                .pair(DesktopLook.label(texts.text("unlock.helpdesk")), phone)
                .across(DesktopLook.paragraph(texts.text("unlock.step.identify")))
                .across(DesktopLook.paragraph(texts.text("unlock.step.read")))
                .pair(DesktopLook.label(texts.text("unlock.csn")), csn)
                .pair(DesktopLook.label(texts.text("unlock.random")), randomRow)
                .across(DesktopLook.paragraph(texts.text("unlock.step.code")))
                .pair(DesktopLook.labelFor(texts.text("unlock.code"), code), codeRow)
                .gap(8).across(new JSeparator()).gap(4);
        newPin.addTo(rows);
        csn.getAccessibleContext().setAccessibleName(texts.text("unlock.csn"));
        random.getAccessibleContext().setAccessibleName(texts.text("unlock.random"));
        showBody(rows.panel(), unlock, close);
        code.setEnabled(false);
        newPin.setEnabled(false);
        withToken(token -> token.status(), this::show);
        newPin.loadRules();
    }

    private void show(DeviceStatus status) {
        csnShown = status.csn();
        csn.setText(forDictation(status.csn()));
        csn.getAccessibleContext().setAccessibleDescription(status.csn());
        switch (status.state()) {
            case LOCKED -> {
                showRandom(status.unlockRandom().orElseThrow());
                tell(texts.text("unlock.locked"));
                code.setEnabled(true);
                code.requestFocusInWindow();
            }
            case AWAITING_NEW_PIN -> codeAccepted();
            case READY -> tell(texts.text("unlock.not-locked"));
            default -> warn(texts.text("error.state." + status.state().name()));
        }
        busyChanged();
        pack();
    }

    private void showRandom(String digits) {
        randomShown = digits;
        random.setText(UnlockCodes.forDictation(digits));
        random.getAccessibleContext().setAccessibleDescription(digits);
    }

    private void checkCode() {
        if (!checkCode.isEnabled()) {
            return;
        }
        String typed = code.getText();
        String shown = randomShown;
        withToken(token -> HelpdeskCode.submit(token, typed, shown), outcome -> {
            switch (outcome.verdict()) {
                case ACCEPTED -> codeAccepted();
                case WRONG -> {
                    code.selectAll();
                    warn(texts.text("unlock.wrong-code"));
                }
                case NEW_RANDOM -> {
                    showRandom(outcome.random());
                    code.setText("");
                    warn(texts.text("unlock.new-random"));
                }
                case BLOCKED -> {
                    code.setText("");
                    code.setEnabled(false);
                    warn(texts.text("error.state.BLOCKED"));
                }
            }
            busyChanged();
        });
    }

    /** After the digits are entered the "New PIN" field becomes active (the letter). */
    private void codeAccepted() {
        code.setEnabled(false);
        random.setText("–"); // used up by the accepted Code
        randomShown = null;
        tell(texts.text("unlock.code-accepted"));
        newPin.setEnabled(true);
        newPin.pinField().requestFocusInWindow();
    }

    private void unlock() {
        if (!unlock.isEnabled()) {
            return;
        }
        char[] pin = newPin.takePin();
        withToken(token -> {
            try {
                token.setPinAfterUnlock(pin);
                return null;
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, done -> {
            newPin.clear();
            finish(texts.text("unlock.done"));
        }, refusal -> {
            if (refusal instanceof PinPolicyException) {
                newPin.clear();
            }
            warn(texts.refusal(refusal));
        });
    }

    /** CSN and Random as read out, for a chat with the helpdesk or a note. */
    private void copy() {
        if (randomShown == null) {
            return;
        }
        String both = texts.text("unlock.csn") + ": " + csnShown + "  " + texts.text("unlock.random") + ": " + randomShown;
        Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(both), null);
        tell(texts.text("unlock.copied"));
    }

    /** {@code 0A1B2C3D4E5F} as {@code 0A1B 2C3D 4E5F}: groups of four, read out one at a time. */
    static String forDictation(String csn) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < csn.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(csn, i, Math.min(csn.length(), i + 4));
        }
        return grouped.toString();
    }

    @Override
    protected String getTitleText() {
        return texts.text("unlock.title");
    }

    @Override
    protected void busyChanged() {
        if (unlock == null) {
            return;
        }
        checkCode.setEnabled(code.isEnabled() && code.getDocument().getLength() == UnlockCodes.CODE_DIGITS && !working());
        copy.setEnabled(randomShown != null);
        unlock.setEnabled(newPin.ready() && !working());
    }

    /** The Code is digits only, as many as a Code has: a typo shows at once, not as a wasted try. */
    private static final class DigitsOnly extends DocumentFilter {

        private final int most;

        DigitsOnly(int most) {
            this.most = most;
        }

        @Override
        public void insertString(FilterBypass fb, int offset, String text, AttributeSet attributes) throws BadLocationException {
            replace(fb, offset, 0, text, attributes);
        }

        @Override
        public void replace(FilterBypass fb, int offset, int length, String text, AttributeSet attributes) throws BadLocationException {
            String digits = text == null ? "" : text.replaceAll("[^0-9]", "");
            int room = most - (fb.getDocument().getLength() - length);
            fb.replace(offset, length, digits.substring(0, Math.max(0, Math.min(room, digits.length()))), attributes);
        }
    }
}
