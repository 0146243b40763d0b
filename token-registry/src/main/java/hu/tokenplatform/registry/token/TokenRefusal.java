package hu.tokenplatform.registry.token;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a token is not found or does not make a move of its lifecycle. */
public enum TokenRefusal implements Refusal {
    TOKEN_NOT_FOUND("token-not-found", 404, "No token with this CSN."),
    TOKEN_NOT_IN_STOCK("token-not-in-stock", 409, "The token is not IN_STOCK."),
    TOKEN_ALREADY_REVOKED("token-already-revoked", 409, "The token is already revoked."),
    /** REPLACED says a new token took the old one's place: only the replacement's hand-over records it. */
    REVOCATION_REASON_NOT_ALLOWED("revocation-reason-not-allowed", 422, "A token is revoked as REPLACED only by the "
            + "hand-over of its replacement; revoke it as LOST, STOLEN or RETURNED.");

    private final Answer answer;

    TokenRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
