package hu.tokenplatform.tokenmanager.login;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A token login from the command line, for a login transaction the bank's login page shows: the same checks,
 * PIN entry, signature and mutual-TLS relay as a login started from the browser.
 */
@Command(name = "login", mixinStandardHelpOptions = true)
public final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    TokenManager app;

    @Option(names = "--transaction", required = true, paramLabel = "ID")
    String transactionId;

    @Option(names = "--client", required = true, paramLabel = "electra|e-posta")
    String client;

    @Option(names = "--challenge", required = true, paramLabel = "BASE64URL")
    String challenge;

    @Option(names = "--origin", paramLabel = "URL")
    String origin;

    @Override
    public Integer call() {
        Terminal terminal = app.terminal();
        var config = app.agentConfig();
        String page = origin != null ? origin : config.banks().get(0).origin();
        TokenLogin login = new TokenLogin(config, app.tokenPort(), new TerminalPinPrompt(terminal), Duration.ofSeconds(30));
        LoginOutcome outcome = login.logIn(new TokenLoginRequest(transactionId, client, challenge), page);
        if (outcome.succeeded()) {
            terminal.say("login.done");
            return ExitCodes.OK;
        }
        terminal.complain("login.failed." + outcome.code(), outcome.triesLeft(), outcome.bankCode());
        return outcome.code().equals("token-locked") ? ExitCodes.TOKEN_LOCKED
                : outcome.code().equals("token-absent") ? ExitCodes.TOKEN_ABSENT : ExitCodes.REFUSED;
    }
}
