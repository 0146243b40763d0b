package hu.tokenplatform.tokenmanager.install;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desktop entry that shows Token Manager's icon when a user logs in starts the administrator's copy. */
class AutostartEntryTest {

    @Test
    void startsTheInstalledProgramWithoutACommandInTheUsersSession() {
        String entry = InstallCommand.autostartEntry(Path.of("/usr/lib/jvm/java-17/bin/java"), Path.of("/usr/lib/token-manager/token-manager.jar"));

        assertTrue(entry.startsWith("[Desktop Entry]\nType=Application\nName=Token Manager\n"), entry);
        assertTrue(entry.contains("\nExec=\"/usr/lib/jvm/java-17/bin/java\" -jar \"/usr/lib/token-manager/token-manager.jar\"\n"), entry);
        assertTrue(entry.contains("\nTerminal=false\n"));
        assertTrue(entry.contains("\nComment[hu]=USB token az Electrához és az e-postához\n"));
    }

    /** The Desktop Entry Specification's quoting: \, ", `, $ escaped inside quotes, then \ again in the value; % doubled. */
    @Test
    void pathsWithSpacesAndReservedCharactersStayOneArgument() {
        assertEquals("\"/opt/Token Manager/token-manager.jar\"", InstallCommand.execArgument(Path.of("/opt/Token Manager/token-manager.jar")));
        assertEquals("\"/opt/a\\\\$b/c\\\\\"d/100%%/e\\\\`f/g\\\\\\\\h\"", InstallCommand.execArgument(Path.of("/opt/a$b/c\"d/100%/e`f/g\\h")));
    }
}
