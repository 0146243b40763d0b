package hu.tokenplatform.unlock.epin;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a branch officer's e-PIN request was refused. */
public enum EPinRefusal implements Refusal {
    /** The registry's {@code user.registered} has not arrived (yet); the detail names the identifier. */
    CUSTOMER_NOT_FOUND("customer-not-found", 404,
            "No customer with this identifier is known to unlock-service; a customer registered moments ago appears once the registry's event arrives."),
    WEAK_E_PIN("weak-e-pin", 422,
            "An e-PIN of one repeated digit or of consecutive digits is too easy to guess; choose another.");

    private final Answer answer;

    EPinRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
