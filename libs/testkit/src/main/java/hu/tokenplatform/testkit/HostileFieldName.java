package hu.tokenplatform.testkit;

import io.restassured.response.Response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JSON field name an attacker would send to a service that names unknown fields in its refusal: terminal escapes,
 * a forged header line, a NUL, a right-to-left override and 5,000 more characters. Every service must refuse it as
 * {@code unknown-field} and name it only sanitised and bounded.
 */
public final class HostileFieldName {

    public static final String NAME = "\u001b[2J\r\nX-Injected: 1\u0000\u202e" + "a".repeat(5_000);

    private HostileFieldName() {
    }

    /** The answer to a body carrying {@link #NAME}: 400 {@code unknown-field}, the name cut to 64 printable ASCII characters. */
    public static void assertRefusedAndNamedOnlySanitisedAndBounded(Response refused) {
        refused.then().statusCode(400).body("code", equalTo("unknown-field"));
        String body = refused.asString();
        String field = refused.path("violations[0].field");

        assertEquals(64, field.length(), field);
        assertTrue(field.matches("[\\x20-\\x7e]+") && field.endsWith("..."), field);
        assertTrue(field.startsWith("?[2J??X-Injected: 1??aaa"), field);
        assertTrue(body.length() < 1_000, "the answer does not grow with the field name: " + body.length());
        assertTrue(body.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only printable ASCII in the answer: " + body);
    }
}
