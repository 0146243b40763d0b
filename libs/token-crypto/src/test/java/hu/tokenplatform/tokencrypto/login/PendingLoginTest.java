package hu.tokenplatform.tokencrypto.login;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingLoginTest {

    private static final PendingLogin.ClientName ELECTRA = new PendingLogin.ClientName("Electra vállalati internetbank", "Electra corporate e-banking");

    @Test
    void onlyATransactionIdEndsUpInThePath() {
        assertEquals("/login/v1/transactions/AbCdEfGhIjKlMnOpQrStUv", PendingLogin.path("AbCdEfGhIjKlMnOpQrStUv"));
        assertThrows(IllegalArgumentException.class, () -> PendingLogin.path("../../oidc/jwks/xxxxxxxx"));
        assertThrows(IllegalArgumentException.class, () -> PendingLogin.path("AbCdEfGhIjKlMnOp?x=1"));
        assertThrows(IllegalArgumentException.class, () -> PendingLogin.path("short"));
        assertThrows(IllegalArgumentException.class, () -> PendingLogin.path(null));
    }

    @Test
    void theNameIsShownInTheUsersLanguage() {
        assertEquals("Electra vállalati internetbank", ELECTRA.in(Locale.forLanguageTag("hu")));
        assertEquals("Electra corporate e-banking", ELECTRA.in(Locale.ROOT));
        assertEquals("Electra corporate e-banking", ELECTRA.in(Locale.GERMAN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Electra", "e-posta", "Electra vállalati internetbank", "e-posta (biztonságos levelezés)", "Őrző & Ügyfél"})
    void plainNamesAreDisplayable(String name) {
        assertTrue(PendingLogin.ClientName.displayable(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " Electra", "Electra ", "Elec\ntra", "Elec\u0000tra", "Electra\u202Eatsop-e",
            "Elec\u200Btra", "Electra\u2028", "\uE000Electra",
            "An overly long name that no bank would give to a service the user logs in to at all"})
    void namesThatCouldMisleadOrBreakTheWindowAreNot(String name) {
        assertFalse(PendingLogin.ClientName.displayable(name));
    }

    @Test
    void aWellFormedAnswerHasEveryField() {
        assertTrue(new PendingLogin("AbCdEfGhIjKlMnOpQrStUv", "electra", ELECTRA, "https://login.bank.hu").wellFormed());
        assertFalse(new PendingLogin("AbCdEfGhIjKlMnOpQrStUv", "electra", null, "https://login.bank.hu").wellFormed());
        assertFalse(new PendingLogin("AbCdEfGhIjKlMnOpQrStUv", "Electra!", ELECTRA, "https://login.bank.hu").wellFormed());
        assertFalse(new PendingLogin("AbCdEfGhIjKlMnOpQrStUv", "electra", ELECTRA, "https://login.bank.hu/path").wellFormed());
        assertFalse(new PendingLogin("AbCdEfGhIjKlMnOpQrStUv", "electra", new PendingLogin.ClientName("Electra", null),
                "https://login.bank.hu").wellFormed());
    }
}
