package hu.tokenplatform.tokenmanager;

import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Messages;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.InvalidAgentConfigException;
import hu.tokenplatform.tokenmanager.desktop.DesktopApp;
import hu.tokenplatform.tokenmanager.device.NoAttestationKeyException;
import hu.tokenplatform.tokenmanager.device.PinPolicyException;
import hu.tokenplatform.tokenmanager.device.TokenAbsentException;
import hu.tokenplatform.tokenmanager.device.TokenDeviceException;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.TokenStateException;
import hu.tokenplatform.tokenmanager.device.WrongPinException;
import hu.tokenplatform.tokenmanager.enrolment.EnrolCommand;
import hu.tokenplatform.tokenmanager.enrolment.FactoryCaCommand;
import hu.tokenplatform.tokenmanager.enrolment.FactoryCommand;
import hu.tokenplatform.tokenmanager.install.InstallCommand;
import hu.tokenplatform.tokenmanager.localapi.ServeCommand;
import hu.tokenplatform.tokenmanager.login.LoginCommand;
import hu.tokenplatform.tokenmanager.pin.ChangePinCommand;
import hu.tokenplatform.tokenmanager.pin.PinEntry;
import hu.tokenplatform.tokenmanager.pin.SetPinCommand;
import hu.tokenplatform.tokenmanager.signing.SignCommand;
import hu.tokenplatform.tokenmanager.status.StatusCommand;
import hu.tokenplatform.tokenmanager.unlock.UnlockCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Token Manager, the program on the user's computer: the token's PIN, the helpdesk unlock, signing, and the
 * token login for Electra and e-posta. Every command but {@code install} works without administrator rights.
 */
@Command(name = "token-manager", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE,
        versionProvider = TokenManager.Version.class, usageHelpAutoWidth = true,
        subcommands = {StatusCommand.class, SetPinCommand.class, ChangePinCommand.class, UnlockCommand.class,
                SignCommand.class, LoginCommand.class, ServeCommand.class, InstallCommand.class, EnrolCommand.class,
                FactoryCommand.class, FactoryCaCommand.class, CommandLine.HelpCommand.class})
public final class TokenManager implements Callable<Integer> {

    /** Machine-wide agent configuration, written by {@code install}. */
    public static final Path MACHINE_CONFIG = Path.of("/etc/token-manager/agent.properties");
    public static final String CONFIG_VARIABLE = "TOKEN_MANAGER_CONFIG";

    @Option(names = "--token", paramLabel = "DIR", scope = ScopeType.INHERIT)
    Path tokenDirectory;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT)
    Path configFile;

    @Option(names = "--lang", paramLabel = "hu|en", scope = ScopeType.INHERIT)
    String language;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Terminal terminal;
    private final Map<String, String> environment;
    private final Path home;

    public TokenManager(Terminal terminal, Map<String, String> environment, Path home) {
        this.terminal = terminal;
        this.environment = environment;
        this.home = home;
    }

    public static void main(String[] args) {
        Console console = System.console();
        Charset charset = console != null ? console.charset() : Charset.defaultCharset();
        int exit = run(args, System.in, System.out, System.err, console, charset, System.getenv(),
                Path.of(System.getProperty("user.home")), Locale.getDefault());
        System.exit(exit);
    }

    /** Runs one command line: the same path for the real program and for tests that drive it through streams. */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err, Console console,
                          Charset charset, Map<String, String> environment, Path home, Locale systemLocale) {
        Messages messages = Messages.forLanguage(languageArgument(args), environment, systemLocale);
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, charset), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, charset), true);
        Terminal terminal = new Terminal(new BufferedReader(new InputStreamReader(in, charset)), stdout, stderr,
                console, messages);
        CommandLine commandLine = new CommandLine(new TokenManager(terminal, environment, home));
        commandLine.setResourceBundle(messages.bundle());
        commandLine.setOut(stdout);
        commandLine.setErr(stderr);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> explain(e, terminal));
        return commandLine.execute(args);
    }

    /** {@code --lang} is needed before parsing, to print help and parse errors in the chosen language. */
    private static String languageArgument(String[] args) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals("--lang") && i + 1 < list.size()) {
                return list.get(i + 1);
            }
            if (list.get(i).startsWith("--lang=")) {
                return list.get(i).substring("--lang=".length());
            }
        }
        return null;
    }

    /** What went wrong, in the user's words and language; never a PIN, a key or a Code. */
    static int explain(Exception e, Terminal terminal) {
        if (e instanceof TokenAbsentException) {
            terminal.complain("error.token-absent");
            return ExitCodes.TOKEN_ABSENT;
        }
        if (e instanceof TokenLockedException) {
            terminal.complain("error.token-locked");
            return ExitCodes.TOKEN_LOCKED;
        }
        if (e instanceof WrongPinException wrong) {
            terminal.complain("error.wrong-pin", wrong.triesLeft());
            return ExitCodes.REFUSED;
        }
        if (e instanceof TokenStateException state) {
            terminal.complain("error.token-state." + state.state().name());
            return ExitCodes.REFUSED;
        }
        if (e instanceof TokenInUseException) {
            terminal.complain("error.token-in-use");
            return ExitCodes.REFUSED;
        }
        if (e instanceof PinPolicyException) {
            terminal.complain("error.pin-rules");
            return ExitCodes.REFUSED;
        }
        if (e instanceof PinEntry.PinNotChosenException) {
            terminal.complain("error.pin-not-chosen");
            return ExitCodes.REFUSED;
        }
        if (e instanceof InvalidAgentConfigException config) {
            terminal.complain("error.config", config.getMessage());
            return ExitCodes.REFUSED;
        }
        if (e instanceof Terminal.EndOfInputException) {
            terminal.complain("error.input-ended");
            return ExitCodes.REFUSED;
        }
        if (e instanceof Terminal.InputTooLongException) {
            terminal.complain("error.input-too-long");
            return ExitCodes.REFUSED;
        }
        if (e instanceof NoAttestationKeyException) {
            terminal.complain("error.no-attestation-key");
            return ExitCodes.REFUSED;
        }
        if (e instanceof TokenDeviceException device) {
            terminal.complain("error.token", device.getMessage());
            return ExitCodes.REFUSED;
        }
        terminal.complain("error.unexpected", e.getClass().getSimpleName());
        return ExitCodes.REFUSED;
    }

    /**
     * Without a command: Token Manager on the desktop (the tray icon) until the user quits it; without a desktop,
     * what to type instead. {@code --help} still prints the commands.
     */
    @Override
    public Integer call() throws InterruptedException {
        if (!DesktopApp.desktopAvailable(environment)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    terminal.text("error.no-desktop") + " " + terminal.text("error.command-missing"));
        }
        DesktopApp.run(tokenPort(), this::agentConfig, home, Optional.ofNullable(language),
                Optional.ofNullable(environment.get(Messages.LANGUAGE_VARIABLE)));
        return ExitCodes.OK;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public TokenPort tokenPort() {
        return TokenPort.locate(tokenDirectory, environment, home);
    }

    /** {@code --config}, else {@code TOKEN_MANAGER_CONFIG}, else the user's, else the machine's file. */
    public AgentConfig agentConfig() {
        Path file = configFile;
        if (file == null && environment.get(CONFIG_VARIABLE) != null) {
            file = Path.of(environment.get(CONFIG_VARIABLE));
        }
        if (file == null) {
            Path user = home.resolve(".token-manager").resolve("agent.properties");
            file = Files.isRegularFile(user) ? user : MACHINE_CONFIG;
        }
        return AgentConfig.load(file);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TokenManager.class.getPackage().getImplementationVersion();
            return new String[]{"Token Manager " + (version == null ? "development build" : version)};
        }
    }
}
