package hu.tokenplatform.tokenmanager.program;

import hu.tokenplatform.tokenmanager.TestPki;
import hu.tokenplatform.tokenmanager.TestTokens;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.VirtualToken;
import hu.tokenplatform.tokenmanager.device.WrongPinException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulls the plug on a process that is writing the token (kill -9 at a random moment, seeded): the token must
 * open again, with one of the two PINs working and no try given back.
 */
class TokenCrashIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void killedMidWriteTheTokenKeepsAConsistentState(long seed) throws Exception {
        Path tokenDir = dir.resolve("token");
        TestTokens.handedOver(tokenDir, new TestPki()).close();
        Process user = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PinChangingUser.class.getName(), tokenDir.toString()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(user.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("started", output.readLine());

        Thread.sleep(50 + new Random(seed).nextInt(400));
        user.destroyForcibly();
        assertTrue(user.waitFor(20, TimeUnit.SECONDS));

        try (VirtualToken token = VirtualToken.open(tokenDir)) {
            assertEquals(DeviceState.READY, token.status().state());
            int triesBefore = token.status().pinTriesLeft();
            assertTrue(triesBefore >= 4, "at most the try in flight is spent: " + triesBefore);
            try {
                token.login(PinChangingUser.PIN_A.toCharArray()).close();
            } catch (WrongPinException e) {
                token.login(PinChangingUser.PIN_B.toCharArray()).close();
            }
        }
        try (Stream<Path> files = Files.list(tokenDir)) {
            List<String> names = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertEquals(List.of("device.key", "token.csn", "token.lock", "token.state"), names, "no half-written file left");
        }
    }
}
