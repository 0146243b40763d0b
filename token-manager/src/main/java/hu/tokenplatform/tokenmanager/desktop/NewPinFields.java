package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokencrypto.pin.RuleResult;

import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "New PIN" and "Confirm PIN" as the bank's letter has them, for the first PIN, a PIN change and the PIN after an
 * unlock: the token's rules listed and ticked as the user types (the token judges the PIN), "Confirm PIN" active
 * only once the PIN meets every rule, and a sentence that always says what is missing. Typed PINs live in the
 * fields and in arrays that are wiped after each use, never in a String.
 */
final class NewPinFields {

    private final ScreenTexts texts;
    private final TokenCalls calls;
    private final Runnable changed;
    private final JPasswordField pin = new JPasswordField(18);
    private final JPasswordField confirm = new JPasswordField(18);
    private final JLabel pinLabel;
    private final JLabel confirmLabel;
    private final PinRulesPanel rules;
    private final JLabel reason = DesktopLook.label(" ");
    /** Which typed PIN the latest check is for; older answers are dropped. */
    private final AtomicInteger typing = new AtomicInteger();
    private PinEvaluation evaluation;
    /** Whether {@link #evaluation} is the token's answer for what the field holds now. */
    private boolean fresh;
    private boolean enabled = true;

    /** @param changed told on the event thread whenever {@link #ready()} may have changed */
    NewPinFields(ScreenTexts texts, TokenCalls calls, Runnable changed) {
        this.texts = texts;
        this.calls = calls;
        this.changed = changed;
        pin.setName("new-pin");
        confirm.setName("confirm-pin");
        reason.setName("pin-reason");
        pinLabel = DesktopLook.labelFor(texts.text("pin.new"), pin);
        confirmLabel = DesktopLook.labelFor(texts.text("pin.confirm"), confirm);
        rules = new PinRulesPanel(texts);
        confirm.setEnabled(false);
        pin.getDocument().addDocumentListener(onEdit(this::pinEdited));
        confirm.getDocument().addDocumentListener(onEdit(this::update));
        reason.setText(texts.text("pin.reason.loading"));
    }

    void addTo(Rows rows) {
        rows.pair(pinLabel, pin).pair(confirmLabel, confirm).gap(4).across(rules).gap(6).across(reason);
    }

    JPasswordField pinField() {
        return pin;
    }

    JPasswordField confirmField() {
        return confirm;
    }

    /** Reads the token's rules (for an empty PIN) so that they are on screen before the user types. */
    void loadRules() {
        pinEdited();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        pin.setEnabled(enabled);
        update();
    }

    /** The PIN meets every rule and the confirmation matches. */
    boolean ready() {
        if (!enabled || !fresh || !evaluation.acceptable() || pin.getDocument().getLength() == 0) {
            return false;
        }
        char[] first = pin.getPassword();
        char[] second = confirm.getPassword();
        try {
            return Arrays.equals(first, second);
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    /** The chosen PIN; the caller wipes the array once the token has it. */
    char[] takePin() {
        return pin.getPassword();
    }

    /** Empties both fields (after use, or to start again) and asks the token for fresh marks. */
    void clear() {
        pin.setText("");
        confirm.setText("");
    }

    private void pinEdited() {
        int edit = typing.incrementAndGet();
        fresh = false;
        update();
        char[] typed = pin.getPassword();
        calls.run(token -> {
            try {
                // Checks wait for one another: a check for a PIN typed over since is not worth the token's time.
                return edit == typing.get() ? token.checkNewPin(typed) : null;
            } finally {
                Arrays.fill(typed, '\0');
            }
        }, answer -> {
            if (answer != null && edit == typing.get()) {
                evaluation = answer;
                fresh = true;
                update();
            }
        }, refusal -> {
            if (edit == typing.get()) {
                reason.setText(texts.refusal(refusal));
            }
        });
    }

    private void update() {
        boolean typed = pin.getDocument().getLength() > 0;
        boolean acceptable = enabled && typed && fresh && evaluation.acceptable();
        if (!acceptable && confirm.getDocument().getLength() > 0) {
            confirm.setText(""); // re-enters update(); a confirmation of a PIN that no longer stands is void
            return;
        }
        confirm.setEnabled(acceptable);
        if (fresh) {
            // While the token checks what was just typed, the marks and the sentence stay as they were.
            rules.show(evaluation, typed);
            reason.setText(reasonText(typed, acceptable));
            reason.getAccessibleContext().setAccessibleName(reason.getText());
        }
        changed.run();
    }

    private String reasonText(boolean typed, boolean acceptable) {
        if (!enabled) {
            return " ";
        }
        if (!typed) {
            return texts.text("pin.reason.empty");
        }
        if (!acceptable) {
            RuleResult first = evaluation.results().stream().filter(r -> !r.met()).findFirst().orElseThrow();
            return texts.text("pin.reason.unmet", texts.rule(first));
        }
        if (confirm.getDocument().getLength() == 0) {
            return texts.text("pin.reason.confirm");
        }
        return ready() ? texts.text("pin.reason.ready") : texts.text("pin.reason.differs");
    }

    private static DocumentListener onEdit(Runnable edited) {
        return new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                edited.run();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                edited.run();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                edited.run();
            }
        };
    }
}
