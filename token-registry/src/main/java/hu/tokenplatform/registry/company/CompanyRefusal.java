package hu.tokenplatform.registry.company;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a company is not registered or not found. */
public enum CompanyRefusal implements Refusal {
    COMPANY_EXISTS("company-exists", 409, "The company is already registered."),
    COMPANY_NOT_FOUND("company-not-found", 404, "No such company.");

    private final Answer answer;

    CompanyRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
