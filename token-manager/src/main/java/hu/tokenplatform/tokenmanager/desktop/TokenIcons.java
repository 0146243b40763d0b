package hu.tokenplatform.tokenmanager.desktop;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BaseMultiResolutionImage;
import java.awt.image.BufferedImage;

/**
 * The tray icon, drawn in code at the exact pixel size asked for, so that it is sharp at every size and screen
 * scale: the USB token, with a badge at its lower right that tells its {@link TokenCondition} by shape and sign
 * as well as by colour (a tick in a green circle, three PIN dots in a blue circle, a padlock in an orange square,
 * a bar in a red octagon, an exclamation mark in a yellow triangle); with no token, only the token's outline.
 */
public final class TokenIcons {

    /** Screen scales a desktop may use: 100 % to 300 %. */
    private static final double[] SCALES = {1, 1.25, 1.5, 1.75, 2, 2.5, 3};

    private static final Color TOKEN = new Color(0x455A64);
    private static final Color TOKEN_CONNECTOR = new Color(0x90A4AE);
    private static final Color ABSENT = new Color(0x8A8A8A);
    private static final Color READY = new Color(0x2E7D32);
    private static final Color PIN_NOT_SET = new Color(0x1565C0);
    private static final Color LOCKED = new Color(0xE65100);
    private static final Color BLOCKED = new Color(0xC62828);
    private static final Color EXPIRING = new Color(0xF9A825);
    private static final Color EXPIRING_SIGN = new Color(0x3E2723);

    private TokenIcons() {
    }

    /**
     * The icon for a place of {@code size} × {@code size} logical pixels, with a variant for each screen scale:
     * Java picks the one that matches the screen's pixels instead of blurring one picture.
     */
    public static Image icon(TokenCondition condition, int size) {
        Image[] variants = new Image[SCALES.length];
        for (int i = 0; i < SCALES.length; i++) {
            variants[i] = draw(condition, (int) Math.round(size * SCALES[i]));
        }
        return new BaseMultiResolutionImage(variants);
    }

    /** The icon at exactly {@code pixels} × {@code pixels}. */
    public static BufferedImage draw(TokenCondition condition, int pixels) {
        BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Drawn on a unit square: every size is the same picture, scaled before it is rasterised.
            g.scale(pixels, pixels);
            if (condition == TokenCondition.NO_TOKEN) {
                g.setColor(ABSENT);
                g.setStroke(new BasicStroke(0.06f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(tokenBody());
                g.draw(tokenConnector());
                return image;
            }
            // A white rim keeps the dark token visible on a dark panel.
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(0.07f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(tokenConnector());
            g.draw(tokenBody());
            g.setColor(TOKEN_CONNECTOR);
            g.fill(tokenConnector());
            g.setColor(TOKEN);
            g.fill(tokenBody());
            badge(g, condition);
            return image;
        } finally {
            g.dispose();
        }
    }

    /** The token lies diagonally, its connector at the top right, its body leaving the lower right to the badge. */
    private static AffineTransform diagonal() {
        AffineTransform transform = AffineTransform.getRotateInstance(-Math.PI / 4, 0.5, 0.5);
        transform.translate(0.0, -0.17);
        return transform;
    }

    private static Shape tokenBody() {
        Path2D body = new Path2D.Double(new RoundRectangle2D.Double(0.10, 0.36, 0.62, 0.28, 0.14, 0.14));
        // The hole for a key ring, near the end away from the connector.
        body.append(new Ellipse2D.Double(0.15, 0.455, 0.09, 0.09), false);
        body.setWindingRule(Path2D.WIND_EVEN_ODD);
        return diagonal().createTransformedShape(body);
    }

    private static Shape tokenConnector() {
        return diagonal().createTransformedShape(new Rectangle2D.Double(0.72, 0.41, 0.17, 0.18));
    }

    private static void badge(Graphics2D g, TokenCondition condition) {
        double x = 0.40;
        double y = 0.40;
        double d = 0.56;
        Shape shape = switch (condition) {
            case READY, PIN_NOT_SET -> new Ellipse2D.Double(x, y, d, d);
            case LOCKED -> new RoundRectangle2D.Double(x + 0.02, y + 0.02, d - 0.04, d - 0.04, 0.16, 0.16);
            case BLOCKED -> octagon(x, y, d);
            case CERTIFICATE_EXPIRING -> triangle(x - 0.02, y - 0.04, d + 0.04);
            case NO_TOKEN -> throw new IllegalArgumentException("no badge without a token");
        };
        // A white rim parts the badge from the token and from a dark panel behind the icon.
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(0.08f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
        g.setColor(switch (condition) {
            case READY -> READY;
            case PIN_NOT_SET -> PIN_NOT_SET;
            case LOCKED -> LOCKED;
            case BLOCKED -> BLOCKED;
            default -> EXPIRING;
        });
        g.fill(shape);
        double cx = x + d / 2;
        double cy = y + d / 2;
        g.setColor(Color.WHITE);
        switch (condition) {
            case READY -> {
                Path2D tick = new Path2D.Double();
                tick.moveTo(cx - 0.15, cy + 0.01);
                tick.lineTo(cx - 0.04, cy + 0.12);
                tick.lineTo(cx + 0.16, cy - 0.11);
                g.setStroke(new BasicStroke(0.085f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(tick);
            }
            case PIN_NOT_SET -> {
                for (int dot = -1; dot <= 1; dot++) {
                    g.fill(new Ellipse2D.Double(cx + dot * 0.15 - 0.055, cy - 0.055, 0.11, 0.11));
                }
            }
            case LOCKED -> {
                g.setStroke(new BasicStroke(0.06f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
                g.draw(new Arc2D.Double(cx - 0.095, cy - 0.19, 0.19, 0.22, 0, 180, Arc2D.OPEN));
                g.draw(new Line2D.Double(cx - 0.095, cy - 0.08, cx - 0.095, cy - 0.02));
                g.draw(new Line2D.Double(cx + 0.095, cy - 0.08, cx + 0.095, cy - 0.02));
                g.fill(new RoundRectangle2D.Double(cx - 0.15, cy - 0.03, 0.30, 0.22, 0.05, 0.05));
            }
            case BLOCKED -> g.fill(new RoundRectangle2D.Double(cx - 0.17, cy - 0.045, 0.34, 0.09, 0.03, 0.03));
            case CERTIFICATE_EXPIRING -> {
                g.setColor(EXPIRING_SIGN);
                g.fill(new RoundRectangle2D.Double(cx - 0.035, cy - 0.10, 0.07, 0.17, 0.05, 0.05));
                g.fill(new Ellipse2D.Double(cx - 0.04, cy + 0.11, 0.08, 0.08));
            }
            case NO_TOKEN -> {
            }
        }
    }

    private static Shape octagon(double x, double y, double d) {
        Path2D octagon = new Path2D.Double();
        double cut = d * 0.2929; // (1 - 1/√2): equal sides
        octagon.moveTo(x + cut, y);
        octagon.lineTo(x + d - cut, y);
        octagon.lineTo(x + d, y + cut);
        octagon.lineTo(x + d, y + d - cut);
        octagon.lineTo(x + d - cut, y + d);
        octagon.lineTo(x + cut, y + d);
        octagon.lineTo(x, y + d - cut);
        octagon.lineTo(x, y + cut);
        octagon.closePath();
        return octagon;
    }

    private static Shape triangle(double x, double y, double d) {
        Path2D triangle = new Path2D.Double();
        triangle.moveTo(x + d / 2, y);
        triangle.lineTo(x + d, y + d);
        triangle.lineTo(x, y + d);
        triangle.closePath();
        return triangle;
    }
}
