package hu.tokenplatform.console.helpdesk;

/** Asks unlock-service for the verified caller's tokens; the id goes in the body, never in a URL. */
public record ShowCallerTokens(String verificationId) {

    @Override
    public String toString() {
        return "ShowCallerTokens[verificationId=***]";
    }
}
