package hu.tokenplatform.tokencrypto.unlock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnlockCodesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /**
     * The fixed vectors, computed independently of this code (Python hmac). A failure here is a breaking change
     * between the token factory, the tokens in the field and unlock-service, not a test to update.
     */
    static Stream<Arguments> vectors() throws IOException {
        try (InputStream in = UnlockCodesTest.class.getResourceAsStream("/unlock-code-vectors.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split(","))
                    .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4]))
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void algorithmMatchesTheFixedVectors(String master, String csn, String tokenKey, String random, String code) {
        byte[] diversified = UnlockCodes.diversifyTokenKey(HEX.parseHex(master), csn);
        assertArrayEquals(HEX.parseHex(tokenKey), diversified);
        assertEquals(code, UnlockCodes.code(diversified, csn, random));
        assertTrue(UnlockCodes.verify(diversified, csn, random, code));
    }

    @Test
    void vectorsCoverLeadingZerosAndBothCsnLengths() throws IOException {
        var rows = vectors().map(a -> a.get()).toList();
        assertTrue(rows.stream().anyMatch(r -> ((String) r[4]).startsWith("0")), "a Code with a leading zero");
        assertTrue(rows.stream().anyMatch(r -> ((String) r[3]).startsWith("00")), "a Random with leading zeros");
        assertTrue(rows.stream().anyMatch(r -> ((String) r[1]).length() == 8));
        assertTrue(rows.stream().anyMatch(r -> ((String) r[1]).length() == 16));
    }

    @Test
    void codeIsBoundToCsnAndRandom() {
        byte[] key = UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3D");
        String code = UnlockCodes.code(key, "0A1B2C3D", "1234567890");

        assertFalse(UnlockCodes.verify(key, "0A1B2C3D", "1234567891", code), "another Random");
        byte[] otherToken = UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3E");
        assertFalse(UnlockCodes.verify(otherToken, "0A1B2C3E", "1234567890", code), "another CSN");
        assertFalse(UnlockCodes.verify(key, "0A1B2C3E", "1234567890", code), "CSN in the MAC, not only in the key");
    }

    @Test
    void diversifiedKeysDifferPerToken() {
        assertNotEquals(HEX.formatHex(UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3D")),
                HEX.formatHex(UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3E")));
    }

    @Test
    void verifyToleratesDictationGroupingAndRefusesJunkWithoutThrowing() {
        byte[] key = UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3D");
        String code = UnlockCodes.code(key, "0A1B2C3D", "0000000000");

        assertTrue(UnlockCodes.verify(key, "0A1B2C3D", "000 000 0000", UnlockCodes.forDictation(code)));
        assertTrue(UnlockCodes.verify(key, "0A1B2C3D", "0000000000", code.substring(0, 4) + "-" + code.substring(4)));
        for (String junk : new String[]{null, "", "1234", "123456789", "abcdefgh", "１２３４５６７８"}) {
            assertFalse(UnlockCodes.verify(key, "0A1B2C3D", "0000000000", junk), String.valueOf(junk));
        }
    }

    @Test
    void randomIsTenFreshDigits() {
        SecureRandom rng = new SecureRandom();
        String first = UnlockCodes.newRandom(rng);
        assertTrue(first.matches("[0-9]{10}"));
        assertNotEquals(first, UnlockCodes.newRandom(rng));
        assertEquals("123 456 7890", UnlockCodes.forDictation("1234567890"));
        assertEquals("1234 5678", UnlockCodes.forDictation("12345678"));
    }

    @Test
    void malformedInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnlockCodes.diversifyTokenKey(new byte[16], "0A1B2C3D"));
        assertThrows(IllegalArgumentException.class, () -> UnlockCodes.diversifyTokenKey(MASTER, "0a1b2c3d"));
        assertThrows(IllegalArgumentException.class, () -> UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3"));
        byte[] key = UnlockCodes.diversifyTokenKey(MASTER, "0A1B2C3D");
        assertThrows(IllegalArgumentException.class, () -> UnlockCodes.code(key, "0A1B2C3D", "12345"));
        assertThrows(IllegalArgumentException.class, () -> UnlockCodes.code(key, "0A1B2C3D", "12345abcde"));
    }
}
