package hu.tokenplatform.tokenmanager.desktop;

import javax.swing.Box;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.border.EmptyBorder;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

/** A window's body as rows: a label and its field side by side, or one thing across the width. */
final class Rows {

    private final JPanel panel = new JPanel(new GridBagLayout());
    private int row;

    Rows() {
        panel.setBorder(new EmptyBorder(DesktopLook.px(16), DesktopLook.px(20), DesktopLook.px(8), DesktopLook.px(20)));
    }

    JPanel panel() {
        return panel;
    }

    Rows across(JComponent component) {
        GridBagConstraints c = constraints(0);
        c.gridwidth = 2;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        panel.add(component, c);
        row++;
        return this;
    }

    Rows pair(JComponent label, JComponent field) {
        GridBagConstraints left = constraints(0);
        left.anchor = GridBagConstraints.LINE_START;
        left.insets = new Insets(DesktopLook.px(3), 0, DesktopLook.px(3), DesktopLook.px(12));
        panel.add(label, left);
        GridBagConstraints right = constraints(1);
        right.weightx = 1;
        right.fill = GridBagConstraints.HORIZONTAL;
        right.insets = new Insets(DesktopLook.px(3), 0, DesktopLook.px(3), 0);
        panel.add(field, right);
        row++;
        return this;
    }

    Rows gap(int pixels) {
        return across((JComponent) Box.createVerticalStrut(DesktopLook.px(pixels)));
    }

    private GridBagConstraints constraints(int column) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = column;
        c.gridy = row;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(DesktopLook.px(2), 0, DesktopLook.px(2), 0);
        return c;
    }
}
