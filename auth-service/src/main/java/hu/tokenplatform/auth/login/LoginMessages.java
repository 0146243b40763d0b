package hu.tokenplatform.auth.login;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The login page's texts; English here, Hungarian in {@code messages/msg_hu.properties}. */
@MessageBundle(value = "msg", locale = "en")
public interface LoginMessages {

    @Message("Log in to {service}")
    String title(String service);

    @Message("Log in to {service} with your token")
    String heading(String service);

    @Message("Plug in your token and make sure Token Manager is running. Token Manager will ask for your PIN in its own window: never type your PIN into a web page.")
    String intro();

    @Message("Log in with token")
    String tokenButton();

    @Message("Waiting for Token Manager: enter your PIN in the Token Manager window.")
    String waiting();

    @Message("Logged in. Continuing…")
    String authenticated();

    @Message("Token Manager is not running or cannot be reached. Start Token Manager and try again.")
    String agentUnreachable();

    @Message("No token found. Plug in your token and try again.")
    String tokenAbsent();

    @Message("Your token is locked after too many wrong PINs. Call the corporate helpdesk to unlock it.")
    String tokenLocked();

    @Message("Wrong PIN.")
    String wrongPin();

    @Message("PIN entry was cancelled.")
    String pinEntryCancelled();

    @Message("Your token is not ready: set your PIN in Token Manager first.")
    String tokenNotReady();

    @Message("The login certificate on your token has expired. Ask your bank branch to renew it.")
    String certificateExpired();

    @Message("Your token is blocked after too many wrong unlock codes. Take it to your bank branch for a replacement.")
    String tokenBlocked();

    @Message("Token Manager is busy with another login. Finish or cancel it first.")
    String busy();

    @Message("The bank refused the login. Reload the page and try again; if it happens again, call the corporate helpdesk.")
    String bankRefused();

    @Message("The bank cannot be reached from Token Manager. Check your network connection and try again; if it happens again, call the corporate helpdesk.")
    String bankUnreachable();

    @Message("This login page is no longer valid (it expired or was used). Reload it and try again.")
    String transactionUnknown();

    @Message("Token Manager refused this login: the page named a different service than the one you are logging in to. Nothing was signed. Reload the page; if it happens again, call the corporate helpdesk.")
    String clientMismatch();

    @Message("This login page has expired. Reload it and try again.")
    String expired();

    @Message("The login could not be completed. Reload the page and try again.")
    String failed();

    @Message("Magyar")
    String otherLanguage();

    @Message("hu")
    String otherLanguageCode();

    @Message("The login request is not valid")
    String errorTitle();

    @Message("The application that sent you here made a request this login service cannot answer. Go back to the application and start again.")
    String errorRequest();

    @Message("Too many login pages")
    String tooManyPagesTitle();

    @Message("Too many login pages were opened from your network. Wait a few minutes, then go back to the application and start again.")
    String tooManyPages();

    @Message("Log in with password")
    String passwordHeading();

    @Message("Only until your re-contracting: after it, log in with your token.")
    String passwordIntro();

    @Message("Customer identifier (8 digits)")
    String customerId();

    @Message("Password")
    String password();

    @Message("Log in")
    String passwordButton();

    @Message("Customer identifier or password is wrong.")
    String invalidCredentials();

    @Message("Password login is locked after too many wrong passwords. Try again later, or log in with your token.")
    String accountLocked();

    @Message("Password login is switched off since your re-contracting. Log in with your token.")
    String passwordLoginDisabled();

    @Message("Too many failed logins from here. Try again later.")
    String rateLimited();

    @Message("The service is not on your contract.")
    String serviceNotContracted();
}
