package hu.tokenplatform.console.helpdesk;

/** unlock-service's {@code POST /unlock-codes} body. */
public record UnlockCodeRequest(String verificationId, String csn, String random, String reason) {

    @Override
    public String toString() {
        return "UnlockCodeRequest[csn=" + csn + "]";
    }
}
