package hu.tokenplatform.servicekit.problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RefusalTest {

    @Test
    void aRefusalAnswersWithItsCodeStatusDetailAndTheTitleOfItsStatus() {
        Refusal refusal = CommonRefusal.FORBIDDEN;
        assertEquals("forbidden", refusal.code());
        assertEquals(403, refusal.status());
        assertEquals("Your role does not allow this action.", refusal.detail());
        assertEquals("Forbidden", refusal.title());
    }

    @Test
    void theExceptionCarriesTheRefusalAndTheDetailOfThisOccurrence() {
        RefusalException plain = CommonRefusal.VALIDATION_FAILED.exception();
        assertSame(CommonRefusal.VALIDATION_FAILED, plain.refusal());
        assertEquals(CommonRefusal.VALIDATION_FAILED.detail(), plain.detail());
        RefusalException specific = CommonRefusal.VALIDATION_FAILED.exception("document must be base64.");
        assertEquals("document must be base64.", specific.detail());
        assertEquals(400, specific.status());
        // The message is the code, never the detail, so that a log line of the exception names no customer data.
        assertEquals("validation-failed", specific.getMessage());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "Not-Lower, 400, detail",
            "'', 400, detail",
            "has space, 400, detail",
            "ok-code, 200, detail",
            "ok-code, 600, detail",
            "ok-code, 422, NULL",
            "NULL, 422, detail"})
    void anAnswerIsAStableCodeAnErrorStatusAndADetail(String code, int status, String detail) {
        assertThrows(IllegalArgumentException.class, () -> new Refusal.Answer(code, status, detail));
    }
}
