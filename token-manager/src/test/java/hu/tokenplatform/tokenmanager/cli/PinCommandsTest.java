package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import hu.tokenplatform.tokenmanager.device.WrongPinException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static hu.tokenplatform.tokenmanager.cli.CliRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First use and PIN change as the letter describes them, through the command line a user types into. */
class PinCommandsTest {

    private static final String NEW_PIN = "9xY#kp2Q";

    @TempDir
    Path home;

    private Path tokenDir;
    private CliRun cli;
    private final TestPki bank = new TestPki();

    @BeforeEach
    void plugIn() {
        tokenDir = home.resolve("token");
        cli = new CliRun(home, tokenDir);
    }

    private void personalisedToken() {
        TestTokens.personalised(tokenDir, bank).close();
    }

    private void tokenWithPin() {
        TestTokens.handedOver(tokenDir, bank).close();
    }

    private DeviceState state() {
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            return token.status().state();
        }
    }

    private void assertPinWorks(String pin) {
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            token.login(pin.toCharArray()).close();
        }
    }

    @Test
    void firstUseShowsTheRulesAndAsksForConfirmationOnlyAfterAValidPin() {
        personalisedToken();

        CliRun.Result result = cli.run(lines("abc", PIN, PIN), "set-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        String screen = result.out();
        assertTrue(screen.contains("PIN rules:\n  - 6 to 16 characters\n"), screen);
        assertTrue(screen.contains("  [ ] 6 to 16 characters"), "the weak PIN's unmet rule is marked");
        assertTrue(screen.contains("  [ ] at least 3 of: digits, lower-case letters, upper-case letters, symbols"));
        assertTrue(screen.contains("  [x] no character more than 3 times in a row"), "met rules are marked too");
        int secondNewPinPrompt = screen.indexOf("New PIN: ", screen.indexOf("New PIN: ") + 1);
        assertTrue(secondNewPinPrompt > 0);
        assertEquals(screen.indexOf("Confirm PIN: "), screen.lastIndexOf("Confirm PIN: "), "confirmation asked once");
        assertTrue(screen.indexOf("Confirm PIN: ") > secondNewPinPrompt, "not before a PIN meets every rule");
        assertTrue(screen.contains("PIN set."));
        assertEquals(DeviceState.READY, state());
        assertPinWorks(PIN);
    }

    @Test
    void everyRuleIsReportedForTheTypedPin() {
        personalisedToken();

        CliRun.Result result = cli.run(lines("aaaa1234", PIN, PIN), "set-pin");

        String screen = result.out();
        assertTrue(screen.contains("  [x] 6 to 16 characters"));
        assertTrue(screen.contains("  [ ] no character more than 3 times in a row"));
        assertTrue(screen.contains("  [ ] no run of more than 3 consecutive characters, such as 1234 or abcd"));
        assertTrue(screen.contains("  [ ] at least 3 of"));
        assertTrue(screen.contains("  [x] not your current PIN or one of your last 3 PINs"));
    }

    @Test
    void differentConfirmationStartsOver() {
        personalisedToken();

        CliRun.Result result = cli.run(lines(PIN, "Tok3n!px", NEW_PIN, NEW_PIN), "set-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("The confirmation differs from the PIN"));
        assertPinWorks(NEW_PIN);
    }

    @Test
    void givingUpLeavesTheTokenWithoutAPin() {
        personalisedToken();

        CliRun.Result result = cli.run(lines("1", "2", "3", "4", "5"), "set-pin");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("No valid PIN was chosen; the token is unchanged."));
        assertEquals(DeviceState.FACTORY, state());
    }

    @Test
    void inputEndingBeforeTheConfirmationChangesNothing() {
        personalisedToken();

        CliRun.Result result = cli.run(lines(PIN), "set-pin");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("The input ended before an answer; nothing was changed."));
        assertEquals(DeviceState.FACTORY, state());
    }

    @Test
    void aSecondFirstPinIsRefused() {
        tokenWithPin();

        CliRun.Result result = cli.run(lines(NEW_PIN, NEW_PIN), "set-pin");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("The token already has a PIN. To change it: token-manager change-pin"));
        assertFalse(result.out().contains("New PIN"), "nothing is asked");
        assertPinWorks(PIN);
    }

    @Test
    void pinChangeNeedsTheOldPin() {
        tokenWithPin();

        CliRun.Result wrong = cli.run(lines("Wr0ng!pin", NEW_PIN, NEW_PIN), "change-pin");

        assertEquals(ExitCodes.REFUSED, wrong.exit());
        assertTrue(wrong.err().contains("Wrong PIN. 4 tries left before the token locks."), wrong.screen());
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            assertEquals(4, token.status().pinTriesLeft(), "the wrong old PIN cost a try");
            assertThrows(WrongPinException.class, () -> token.login(NEW_PIN.toCharArray()));
            token.login(PIN.toCharArray()).close();
        }
    }

    @Test
    void pinChangeWithTheOldPinSetsTheNewOne() {
        tokenWithPin();

        CliRun.Result result = cli.run(lines(PIN, NEW_PIN, NEW_PIN), "change-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("Old PIN: "));
        assertTrue(result.out().contains("PIN changed."));
        assertPinWorks(NEW_PIN);
    }

    @Test
    void theCurrentPinIsNotANewPin() {
        tokenWithPin();

        CliRun.Result result = cli.run(lines(PIN, PIN, NEW_PIN, NEW_PIN), "change-pin");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("  [ ] not your current PIN or one of your last 3 PINs"));
        assertPinWorks(NEW_PIN);
    }

    @Test
    void changingThePinOfALockedTokenSendsTheUserToTheHelpdesk() {
        try (VirtualToken token = TestTokens.handedOver(tokenDir, bank)) {
            TestTokens.lockWithWrongPins(token);
        }

        CliRun.Result result = cli.run(lines(PIN), "change-pin");

        assertEquals(ExitCodes.TOKEN_LOCKED, result.exit());
        assertTrue(result.err().contains("Call the corporate helpdesk, then run: token-manager unlock"));
        assertFalse(result.out().contains("Old PIN"), "no PIN is asked of a locked token");
    }
}
