package hu.tokenplatform.tokenmanager.program;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.File;

/**
 * Captures a rectangle of the X display named by {@code DISPLAY} as a PNG: run as its own process by
 * {@link PinWindowIT}, since a JVM talks to the display it started with.
 */
public final class ScreenShot {

    private ScreenShot() {
    }

    /** {@code FILE X Y WIDTH HEIGHT} */
    public static void main(String[] args) throws Exception {
        Rectangle area = new Rectangle(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        if (!ImageIO.write(new Robot().createScreenCapture(area), "png", new File(args[0]))) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
