package hu.tokenplatform.tokenmanager.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a file the installed service will run can be changed by someone other than the administrator: it
 * and every directory above it must belong to root and be writable by nobody else (a world-writable directory
 * with the sticky bit, such as /tmp, lets nobody replace root's entries).
 */
final class SystemLocations {

    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private SystemLocations() {
    }

    /** The first place on the way from {@code file} up to / that another user could change, if any. */
    static Optional<Path> changeableByOthers(Path file) {
        for (Path place = file.toAbsolutePath(); place != null; place = place.getParent()) {
            try {
                int owner = (Integer) Files.getAttribute(place, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(place, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                boolean writableByOthers = (mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0;
                if (owner != 0 || writableByOthers) {
                    return Optional.of(place);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check " + place, e);
            }
        }
        return Optional.empty();
    }
}
