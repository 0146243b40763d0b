package hu.tokenplatform.registry.user;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a user is not registered, found or re-contracted. */
public enum UserRefusal implements Refusal {
    CUSTOMER_ID_TAKEN("customer-id-taken", 409, "The customer identifier is already registered."),
    SERVICE_NOT_CONTRACTED("service-not-contracted", 422, "The company has no contract for a service the user is to use."),
    USER_NOT_FOUND("user-not-found", 404, "No user with this customer identifier."),
    ALREADY_RE_CONTRACTED("already-re-contracted", 409, "The user was re-contracted before; password login is already off.");

    private final Answer answer;

    UserRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
