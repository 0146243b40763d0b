package hu.tokenplatform.tokenmanager.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether this process runs with administrator rights: on Linux, an effective user id of 0. */
final class Privileges {

    private static final Path PROCESS_STATUS = Path.of("/proc/self/status");

    private Privileges() {
    }

    static boolean administrator() {
        try {
            List<String> lines = Files.readAllLines(PROCESS_STATUS, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("Uid:")) {
                    // "Uid: real effective saved filesystem"
                    return "0".equals(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
