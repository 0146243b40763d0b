package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.login.PinPrompt;
import hu.tokenplatform.tokenmanager.login.TerminalPinPrompt;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import hu.tokenplatform.tokenmanager.login.WindowPinPrompt;
import hu.tokenplatform.tokenmanager.os.LinuxProcesses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.awt.GraphicsEnvironment;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** Runs the agent: the local API for the bank's login pages, with PIN entry in Token Manager itself, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

    /** As long as a login transaction lives at the bank; an unanswered window then closes by itself. */
    static final Duration PIN_WINDOW_TIMEOUT = Duration.ofMinutes(2);

    @ParentCommand
    TokenManager app;

    @Option(names = "--port", paramLabel = "PORT")
    Integer port;

    @Option(names = "--pin-entry", paramLabel = "auto|window|terminal")
    PinEntryPlace pinEntry = PinEntryPlace.auto;

    /** Where the PIN is asked: {@code auto} is the terminal when there is one, else a window on the desktop. */
    enum PinEntryPlace { auto, window, terminal }

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = app.terminal();
        AgentConfig config = app.agentConfig();
        TokenLogin login = new TokenLogin(config, app.tokenPort(), pinPrompt(terminal), Duration.ofSeconds(30));
        CountDownLatch stopped = new CountDownLatch(1);
        int listenOn = port != null ? port : config.localApiPort();
        LocalApiServer started;
        try {
            started = LocalApiServer.start(config, app.tokenPort(), login, listenOn);
        } catch (UncheckedIOException e) {
            terminal.complain("serve.port-taken", String.valueOf(listenOn));
            return ExitCodes.REFUSED;
        }
        try (LocalApiServer api = started) {
            // The JVM runs this hook on SIGINT and SIGTERM and then ends with 128 + the signal's number whatever the
            // other threads do, so a login waiting for its PIN (on a terminal or in the window) does not hold the
            // stop up: ExitCodes.STOPPED_BY_INTERRUPT or STOPPED_BY_TERMINATION (ServeStopIT).
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "token-manager-stop"));
            String origins = config.banks().stream().map(BankServer::origin).collect(Collectors.joining(", "));
            if (LinuxProcesses.interruptIgnored()) {
                // Started in the background of a script: SIGINT was ignored from the start and stays so (POSIX; the
                // JVM installs no handler for an ignored SIGINT), so "Ctrl-C" would be a false promise.
                terminal.say("serve.listening-interrupt-ignored", String.valueOf(api.port()), origins,
                        String.valueOf(ProcessHandle.current().pid()));
            } else {
                terminal.say("serve.listening", String.valueOf(api.port()), origins);
            }
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private PinPrompt pinPrompt(Terminal terminal) {
        boolean window = pinEntry == PinEntryPlace.window
                || pinEntry == PinEntryPlace.auto && System.console() == null && !GraphicsEnvironment.isHeadless();
        return window ? new WindowPinPrompt(terminal.messages(), PIN_WINDOW_TIMEOUT) : new TerminalPinPrompt(terminal);
    }
}
