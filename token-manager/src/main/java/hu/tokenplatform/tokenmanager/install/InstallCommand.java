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
 * it in each user's session (so it runs as that user, with that user's token, never as root), and the
 * machine's agent configuration. Using Token Manager afterwards needs no administrator rights.
 */
@Command(name = "install", mixinStandardHelpOptions = true)
public final class InstallCommand implements Callable<Integer> {

    static final String UNIT_NAME = "token-manager.service";

    @ParentCommand
    TokenManager app;

    @Option(names = "--install-dir", paramLabel = "DIR")
    Path installDirectory = Path.of("/usr/lib/token-manager");

    @Option(names = "--unit-dir", paramLabel = "DIR")
    Path unitDirectory = Path.of("/etc/systemd/user");

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
