package hu.tokenplatform.tokenmanager.install;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Installs Token Manager for every user of this computer, which the bank's letter says needs administrator
 * rights: the program copied to a directory only the administrator can change, a systemd user unit that starts
 * the agent in each user's session (so it runs as that user, with that user's token, never as root), an XDG
 * autostart entry that shows its icon when the user logs in to the desktop (the letter's "icon at the bottom
 * right after install"), and the machine's agent configuration. Using Token Manager afterwards needs no
 * administrator rights.
 */
@Command(name = "install", mixinStandardHelpOptions = true)
public final class InstallCommand implements Callable<Integer> {

    static final String UNIT_NAME = "token-manager.service";
    static final String AUTOSTART_ENTRY = "token-manager.desktop";

    @ParentCommand
    TokenManager app;

    @Option(names = "--install-dir", paramLabel = "DIR")
    Path installDirectory = Path.of("/usr/lib/token-manager");

    @Option(names = "--unit-dir", paramLabel = "DIR")
    Path unitDirectory = Path.of("/etc/systemd/user");

    /** XDG autostart: each user's desktop session starts the entries here when the user logs in. */
    @Option(names = "--autostart-dir", paramLabel = "DIR")
    Path autostartDirectory = Path.of("/etc/xdg/autostart");

    @Option(names = "--config-dir", paramLabel = "DIR")
    Path configDirectory = TokenManager.MACHINE_CONFIG.getParent();

    @Option(names = "--bank-origin", paramLabel = "URL")
    String bankOrigin;

    @Option(names = "--bank-relay", paramLabel = "URL")
    String bankRelay;

    @Option(names = "--bank-trust-store", paramLabel = "PEM")
    Path bankTrustStore;

    @Override
    public Integer call() throws IOException {
        Terminal terminal = app.terminal();
        if (!Privileges.administrator()) {
            terminal.complain("install.needs-administrator");
            return ExitCodes.NEEDS_ADMINISTRATOR;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            terminal.complain("install.unsupported-system", System.getProperty("os.name"));
            return ExitCodes.REFUSED;
        }
        boolean configuring = bankOrigin != null || bankRelay != null || bankTrustStore != null;
        if (configuring && (bankOrigin == null || bankRelay == null || bankTrustStore == null)) {
            terminal.complain("install.bank-options-together");
            return ExitCodes.USAGE;
        }
        if (configuring) {
            writeMachineConfig();
            terminal.say("install.config-written", configDirectory.resolve("agent.properties"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Optional<Path> unsafe = SystemLocations.changeableByOthers(java);
        if (unsafe.isPresent()) {
            terminal.complain("install.unsafe-location", java, unsafe.get());
            return ExitCodes.REFUSED;
        }
        Path lib = Files.createDirectories(installDirectory.resolve("lib"));
        setMode(installDirectory, "rwxr-xr-x");
        setMode(lib, "rwxr-xr-x");
        Optional<Path> unsafeProgram = SystemLocations.changeableByOthers(lib);
        if (unsafeProgram.isPresent()) {
            terminal.complain("install.unsafe-location", installDirectory, unsafeProgram.get());
            return ExitCodes.REFUSED;
        }
        Path program = copyProgram(lib);
        terminal.say("install.program-copied", installDirectory);
        Files.createDirectories(unitDirectory);
        Path unit = unitDirectory.resolve(UNIT_NAME);
        Files.writeString(unit, unit(java, program), StandardCharsets.UTF_8);
        terminal.say("install.unit-written", unit);
        Files.createDirectories(autostartDirectory);
        Path entry = autostartDirectory.resolve(AUTOSTART_ENTRY);
        Files.writeString(entry, autostartEntry(java, program), StandardCharsets.UTF_8);
        setMode(entry, "rw-r--r--");
        terminal.say("install.autostart-written", entry);
        if (Files.isDirectory(Path.of("/run/systemd/system")) && unitDirectory.equals(Path.of("/etc/systemd/user"))) {
            enableForEveryUser(terminal);
        } else {
            terminal.say("install.enable-later", UNIT_NAME);
        }
        terminal.say("install.done");
        return ExitCodes.OK;
    }

    private void writeMachineConfig() throws IOException {
        Files.createDirectories(configDirectory);
        Path trust = configDirectory.resolve("bank-tls-ca.pem");
        Files.copy(bankTrustStore, trust, StandardCopyOption.REPLACE_EXISTING);
        String properties = "# Token Manager agent, written by 'token-manager install'\n"
                + "local-api.port=" + AgentConfig.DEFAULT_PORT + "\n"
                + "bank.trust-store=" + trust.getFileName() + "\n"
                + "bank.1.origin=" + bankOrigin + "\n"
                + "bank.1.relay=" + bankRelay + "\n";
        Path config = configDirectory.resolve("agent.properties");
        Path temporary = configDirectory.resolve("agent.properties.new");
        Files.writeString(temporary, properties, StandardCharsets.UTF_8);
        // Checked before it replaces a working configuration.
        AgentConfig.load(temporary);
        Files.move(temporary, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies this very program (its jar and lib/) into the installation directory, owned by the administrator,
     * so that the service every user starts runs code no user can change.
     */
    private Path copyProgram(Path lib) throws IOException {
        Path jar;
        try {
            jar = Path.of(TokenManager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the program's location cannot be read", e);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("install needs the packaged program (token-manager.jar with its lib/ directory)");
        }
        try (Stream<Path> libraries = Files.list(jar.resolveSibling("lib"))) {
            for (Path library : libraries.toList()) {
                copy(library, lib.resolve(library.getFileName()));
            }
        }
        Path program = installDirectory.resolve("token-manager.jar");
        copy(jar, program);
        return program;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        setMode(to, "rw-r--r--");
    }

    private static void setMode(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    static String unit(Path java, Path program) {
        return """
                [Unit]
                Description=Token Manager: USB token agent for Electra and e-posta
                After=graphical-session.target

                [Service]
                ExecStart="%s" -jar "%s" serve
                Restart=on-failure
                NoNewPrivileges=true

                [Install]
                WantedBy=default.target
                """.formatted(java, program);
    }

    /**
     * The desktop entry that starts Token Manager's tray icon (the program without a command) when a user logs in
     * to a desktop session, as that user. Hungarian name and comment for Hungarian sessions.
     */
    static String autostartEntry(Path java, Path program) {
        return """
                [Desktop Entry]
                Type=Application
                Name=Token Manager
                Comment=USB token for Electra and e-posta
                Comment[hu]=USB token az Electrához és az e-postához
                Exec=%s -jar %s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(execArgument(java), execArgument(program));
    }

    /**
     * A path as one argument of a desktop entry's {@code Exec} key: quoted, with the characters the Desktop Entry
     * Specification reserves inside quotes escaped, then escaped again as the string value the key is.
     */
    static String execArgument(Path path) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : path.toString().toCharArray()) {
            switch (c) {
                case '"', '`', '$' -> quoted.append("\\\\").append(c);
                case '\\' -> quoted.append("\\\\\\\\");
                case '%' -> quoted.append("%%");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static void enableForEveryUser(Terminal terminal) {
        try {
            Process process = new ProcessBuilder("systemctl", "--global", "enable", UNIT_NAME).inheritIO().start();
            if (process.waitFor() != 0) {
                terminal.say("install.enable-later", UNIT_NAME);
            }
        } catch (IOException e) {
            terminal.say("install.enable-later", UNIT_NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
