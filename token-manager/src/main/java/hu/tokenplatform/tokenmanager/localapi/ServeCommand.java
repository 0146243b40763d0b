package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.config.AgentConfig;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.login.TerminalPinPrompt;
import hu.tokenplatform.tokenmanager.login.TokenLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** Runs the agent: the local API for the bank's login pages, with PIN entry on this terminal, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    TokenManager app;

    @Option(names = "--port", paramLabel = "PORT")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = app.terminal();
        AgentConfig config = app.agentConfig();
        TokenLogin login = new TokenLogin(config, app.tokenPort(), new TerminalPinPrompt(terminal), Duration.ofSeconds(30));
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalApiServer api = LocalApiServer.start(config, app.tokenPort(), login, port != null ? port : config.localApiPort())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "token-manager-stop"));
            terminal.say("serve.listening", String.valueOf(api.port()),
                    config.banks().stream().map(BankServer::origin).collect(Collectors.joining(", ")));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
