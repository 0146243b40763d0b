package hu.tokenplatform.e2e;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A staff member signs in to the staff console through Keycloak's real sign-in page, as a person does. */
final class ConsoleSignIn {

    private ConsoleSignIn() {
    }

    /**
     * Opens {@code path} of the console, which sends the browser to Keycloak's sign-in page, and signs in as
     * {@code user} with the password run-platform.sh generated into {@code secrets}.
     */
    static void signIn(Browser browser, URI console, Map<String, String> secrets, String path, String user) {
        browser.open(console.resolve(path).toString());
        browser.element("username");
        browser.type("username", user);
        browser.type("password", secrets.get(user.toUpperCase(Locale.ROOT) + "_PASSWORD"));
        browser.click("kc-login");
        assertEquals(user, browser.text("staff-name"));
    }
}
