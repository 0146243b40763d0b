package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokencrypto.pin.RuleResult;

import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.border.EmptyBorder;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule of the token's PIN policy, as the token evaluates it, each marked met or not as the user types. The
 * rules come from the token (its own policy), never from a list of this program's.
 */
final class PinRulesPanel extends JPanel {

    private final transient ScreenTexts texts;
    private final List<JLabel> lines = new ArrayList<>();

    PinRulesPanel(ScreenTexts texts) {
        this.texts = texts;
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setOpaque(false);
        getAccessibleContext().setAccessibleName(texts.text("pin.rules"));
    }

    /**
     * @param typed whether the user has typed anything: before that every rule has the neutral mark, since an empty
     *              PIN "meets" most rules vacuously
     */
    void show(PinEvaluation evaluation, boolean typed) {
        if (lines.size() != evaluation.results().size()) {
            removeAll();
            lines.clear();
            add(DesktopLook.label(texts.text("pin.rules")));
            for (int i = 0; i < evaluation.results().size(); i++) {
                JLabel line = DesktopLook.label("");
                line.setBorder(new EmptyBorder(DesktopLook.px(3), DesktopLook.px(8), 0, 0));
                line.setIconTextGap(DesktopLook.px(8));
                lines.add(line);
                add(line);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            RuleResult rule = evaluation.results().get(i);
            RuleMark mark = !typed ? RuleMark.PENDING : rule.met() ? RuleMark.MET : RuleMark.NOT_MET;
            JLabel line = lines.get(i);
            String wording = texts.rule(rule);
            line.setText(wording);
            line.setIcon(mark);
            line.setName("rule-" + rule.rule().name() + "-" + mark.name());
            line.getAccessibleContext().setAccessibleName(wording + ": " + texts.text("pin.rule." + mark.name()));
        }
        revalidate();
        repaint();
        if (!typed) {
            // The rules arrive from the token after the window opened: it grows to show every one in full.
            Window window = SwingUtilities.getWindowAncestor(this);
            if (window != null) {
                window.pack();
            }
        }
    }
}
