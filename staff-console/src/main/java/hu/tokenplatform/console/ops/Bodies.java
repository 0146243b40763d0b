package hu.tokenplatform.console.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Reading an answer from another process with a bound, and building URLs below a configured base. */
final class Bodies {

    private Bodies() {
    }

    /** At most {@code max} bytes as UTF-8; a longer answer is {@link TooLarge}, not cut (a cut exposition lies). */
    static String read(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code path} below the base URL, keeping the base's own path (a service behind a path prefix). */
    static URI below(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("answer larger than allowed", null);
        }
    }
}
