package hu.tokenplatform.registry.company;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a company is not registered or not found. */
public enum CompanyRefusal implements Refusal {
    COMPANY_EXISTS("company-exists", 409, "The company is already registered."),
    COMPANY_NOT_FOUND("company-not-found", 404, "No such company.");

    private final String code;
    private final int status;
    private final String detail;

    CompanyRefusal(String code, int status, String detail) {
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String detail() {
        return detail;
    }
}
