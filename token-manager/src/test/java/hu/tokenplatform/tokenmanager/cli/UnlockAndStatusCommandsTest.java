package hu.tokenplatform.tokenmanager.cli;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static hu.tokenplatform.tokenmanager.TestTokens.CSN;
import static hu.tokenplatform.tokenmanager.TestTokens.PIN;
import static hu.tokenplatform.tokenmanager.cli.CliRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpdesk unlock as the letter tells it, and the status the Token Manager icon shows. */
class UnlockAndStatusCommandsTest {

    private static final String NEW_PIN = "9xY#kp2Q";

    @TempDir
    Path home;

    private Path tokenDir;
    private CliRun cli;

    @BeforeEach
    void plugIn() {
        tokenDir = home.resolve("token");
        cli = new CliRun(home, tokenDir);
    }

    /** Five wrong PINs; returns the Random the locked token shows. */
    private String lockedToken() {
        try (VirtualToken token = TestTokens.handedOver(tokenDir, new TestPki())) {
            return TestTokens.lockWithWrongPins(token);
        }
    }

    private static String helpdeskCode(String csn, String random) {
        return UnlockCodes.forDictation(UnlockCodes.code(
                UnlockCodes.diversifyTokenKey(TestTokens.MASTER_UNLOCK_KEY, csn), csn, random));
    }

    private DeviceStatus status() {
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            return token.status();
        }
    }

    @Test
    void statusOfALockedTokenShowsCsnStateAndTheRandomToReadOut() {
        String random = lockedToken();

        CliRun.Result result = cli.run("", "status");

        assertEquals(ExitCodes.OK, result.exit());
        assertTrue(result.out().contains("CSN:            " + CSN));
        assertTrue(result.out().contains("State:          locked (call the helpdesk, then run unlock)"));
        assertTrue(result.out().contains("PIN tries left: 0 of 5"));
        assertTrue(result.out().contains("Random:         " + UnlockCodes.forDictation(random)));
        assertTrue(result.out().contains("Login certificate: valid until "));
    }

    @Test
    void statusWithoutATokenSaysToPlugItIn() {
        CliRun.Result result = cli.run("", "status");

        assertEquals(ExitCodes.TOKEN_ABSENT, result.exit());
        assertTrue(result.err().contains("No token found. Plug in your token"));
    }

    @Test
    void helpdeskCodeUnlocksAndANewPinIsChosen() {
        String random = lockedToken();

        CliRun.Result result = cli.run(lines(helpdeskCode(CSN, random), NEW_PIN, NEW_PIN), "unlock");

        assertEquals(ExitCodes.OK, result.exit(), result.screen());
        assertTrue(result.out().contains("  CSN:    " + CSN));
        assertTrue(result.out().contains("  Random: " + UnlockCodes.forDictation(random)));
        assertTrue(result.out().contains("Code accepted. Choose a new PIN."));
        assertTrue(result.out().contains("PIN rules:"), "the new PIN is chosen under the rules");
        DeviceStatus after = status();
        assertEquals(DeviceState.READY, after.state());
        assertEquals(DeviceStatus.MAX_PIN_TRIES, after.pinTriesLeft());
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            token.login(NEW_PIN.toCharArray()).close();
        }
    }

    @Test
    void codeForAnotherRandomOrCsnDoesNotUnlock() {
        String random = lockedToken();
        String otherRandom = random.equals("0000000000") ? "0000000001" : "0000000000";

        CliRun.Result result = cli.run(lines(helpdeskCode(CSN, otherRandom), helpdeskCode("0A1B2C3D4E60", random), ""), "unlock");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.out().contains("That Code is not right for this CSN and Random."));
        assertTrue(result.out().contains("Unlock stopped; the token stays locked."));
        assertEquals(DeviceState.LOCKED, status().state());
        assertEquals(random, status().unlockRandom().orElseThrow(), "two wrong Codes keep the Random");
    }

    @Test
    void threeWrongCodesShowANewRandomAndTheOldCodeIsUseless() {
        String random = lockedToken();
        String oldCode = helpdeskCode(CSN, random);
        String wrong = oldCode.equals("0000 0000") ? "1111 1111" : "0000 0000";

        CliRun.Result result = cli.run(lines(wrong, wrong, wrong, oldCode, ""), "unlock");

        String newRandom = status().unlockRandom().orElseThrow();
        assertNotEquals(random, newRandom);
        assertTrue(result.out().contains("the token drew a new Random. Read it out to the helpdesk: "
                + UnlockCodes.forDictation(newRandom)), result.out());
        assertEquals(DeviceState.LOCKED, status().state());

        CliRun.Result second = cli.run(lines(helpdeskCode(CSN, newRandom), NEW_PIN, NEW_PIN), "unlock");
        assertEquals(ExitCodes.OK, second.exit(), second.screen());
    }

    @Test
    void tooManyWrongCodesBlockTheTokenForGood() {
        lockedToken();

        CliRun.Result result = cli.run(lines("0000 0000", "1111 1111", "2222 2222", "3333 3333", "4444 4444", "5555 5555",
                "6666 6666", "7777 7777", "8888 8888", "9999 9999", "1234 5678"), "unlock");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("blocked for good after too many wrong unlock Codes"), result.screen());
        assertEquals(DeviceState.BLOCKED, status().state());
        assertTrue(cli.run("", "status").out().contains("State:          blocked for good"));
        assertEquals(ExitCodes.REFUSED, cli.run("", "unlock").exit(), "nothing more to unlock");
    }

    @Test
    void codeAcceptedButNoPinChosenResumesAtTheNewPin() {
        String random = lockedToken();

        CliRun.Result first = cli.run(lines(helpdeskCode(CSN, random)), "unlock");
        assertEquals(ExitCodes.REFUSED, first.exit());
        assertEquals(DeviceState.AWAITING_NEW_PIN, status().state());

        CliRun.Result second = cli.run(lines(NEW_PIN, NEW_PIN), "unlock");
        assertEquals(ExitCodes.OK, second.exit(), second.screen());
        assertFalse(second.out().contains("Random:"), "no second Code is asked");
        assertEquals(DeviceState.READY, status().state());
    }

    @Test
    void unlockingATokenThatIsNotLockedChangesNothing() {
        TestTokens.handedOver(tokenDir, new TestPki()).close();

        CliRun.Result result = cli.run("", "unlock");

        assertEquals(ExitCodes.OK, result.exit());
        assertTrue(result.out().contains("The token is not locked; nothing to do."));
        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            token.login(PIN.toCharArray()).close();
        }
    }

    @Test
    void overlongCodeIsRefusedWithoutTouchingTheToken() {
        String random = lockedToken();

        CliRun.Result result = cli.run(lines("9".repeat(10_000)), "unlock");

        assertEquals(ExitCodes.REFUSED, result.exit());
        assertTrue(result.err().contains("The line typed is too long; nothing was changed."));
        assertEquals(random, status().unlockRandom().orElseThrow());
    }
}
