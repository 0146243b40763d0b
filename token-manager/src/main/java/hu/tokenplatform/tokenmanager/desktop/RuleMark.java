package hu.tokenplatform.tokenmanager.desktop;

import javax.swing.Icon;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/**
 * The mark before a PIN rule, drawn rather than a picture so that it is sharp at every scale: a green disc with a
 * tick when met, an open red ring when not, a grey ring before the user types. Shape as well as colour differ,
 * for users who do not tell red from green.
 */
enum RuleMark implements Icon {
    MET(new Color(0x1E8E3E)),
    NOT_MET(new Color(0xC5221F)),
    PENDING(new Color(0x9AA0A6));

    private final Color colour;

    RuleMark(Color colour) {
        this.colour = colour;
    }

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float size = getIconWidth();
            float line = Math.max(1.5f, size / 9f);
            g2.translate(x, y);
            g2.setColor(colour);
            if (this == MET) {
                g2.fill(new Ellipse2D.Float(0, 0, size, size));
                Path2D.Float tick = new Path2D.Float();
                tick.moveTo(size * 0.27f, size * 0.52f);
                tick.lineTo(size * 0.44f, size * 0.69f);
                tick.lineTo(size * 0.74f, size * 0.34f);
                g2.setColor(Color.WHITE);
                g2.setStroke(new BasicStroke(line * 1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g2.draw(tick);
            } else {
                g2.setStroke(new BasicStroke(line));
                g2.draw(new Ellipse2D.Float(line / 2, line / 2, size - line, size - line));
            }
        } finally {
            g2.dispose();
        }
    }

    @Override
    public int getIconWidth() {
        return DesktopLook.px(16);
    }

    @Override
    public int getIconHeight() {
        return DesktopLook.px(16);
    }
}
